package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Thread "opener" opens a connection and ends; main, which joined it, leaves the connection alone
 * for a second (the leak watcher sweeps ten times meanwhile), then queries on it and closes it.
 * A hand-off to main, however late: nothing was left open.
 */
public final class OpenedByAThreadThatEnded {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "opener").createItems(3);
        Connection[] opened = new Connection[1];
        Threads.run("opener", () -> opened[0] = DriverManager.getConnection(db.url));
        Threads.sleep(1000);
        try (Connection c = opened[0]; Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db.table)) {
            rs.next();
            System.out.println("rows: " + rs.getInt(1));
        }
        db.cleanUp();
        System.out.println("done");
    }
}
