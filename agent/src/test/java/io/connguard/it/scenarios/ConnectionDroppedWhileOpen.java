package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A missing close: {@link #countItems} opens a connection and forgets it. Nothing refers to it after
 * the method returns; the program collects garbage and keeps running for a second, so the leak is
 * found by GC, not at exit.
 */
public final class ConnectionDroppedWhileOpen {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "gcleak").createItems(10);
        System.out.println("items: " + countItems(db));
        Threads.collectGarbage();
        Threads.sleep(1000);
        Threads.collectGarbage();
        db.cleanUp();
        System.out.println("done");
    }

    static int countItems(ScenarioDb db) throws Exception {
        Connection c = DriverManager.getConnection(db.url);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db.table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
