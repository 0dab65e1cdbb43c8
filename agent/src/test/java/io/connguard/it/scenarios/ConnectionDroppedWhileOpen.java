package io.connguard.it.scenarios;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A missing close: {@link #countItems} opens a connection and forgets it. Nothing refers to it after
 * the method returns but a weak reference; the program collects garbage until that reference is
 * enqueued, so the leak is found by GC, not at exit.
 */
public final class ConnectionDroppedWhileOpen {
    private static final ReferenceQueue<Connection> QUEUE = new ReferenceQueue<>();
    private static Reference<Connection> dropped;

    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "gcleak").createItems(10);
        System.out.println("items: " + countItems(db));
        Threads.collectUntilEnqueued(QUEUE, dropped);
        db.cleanUp();
        System.out.println("done");
    }

    static int countItems(ScenarioDb db) throws Exception {
        Connection c = DriverManager.getConnection(db.url);
        dropped = new WeakReference<>(c, QUEUE);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db.table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
