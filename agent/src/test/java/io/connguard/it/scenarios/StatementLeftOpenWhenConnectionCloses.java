package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * A PreparedStatement never closed; its connection is (try-with-resources on the connection only).
 * Behind a pool or a statement cache that is a real leak. The statement is dropped and collected
 * while its connection is still open, and garbage is collected again after the close: it is
 * reported once, as PARENT_CLOSED, not by GC or at exit.
 */
public final class StatementLeftOpenWhenConnectionCloses {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "parentclosed").createItems(10);
        try (Connection c = DriverManager.getConnection(db.url)) {
            System.out.println("name: " + nameOf(c, db, 2));
            Threads.collectGarbage();
            Threads.sleep(300);
        }
        Threads.collectGarbage();
        db.cleanUp();
        System.out.println("done");
    }

    static String nameOf(Connection c, ScenarioDb db, int id) throws Exception {
        PreparedStatement ps = c.prepareStatement("SELECT name FROM " + db.table + " WHERE id = ?");
        ps.setInt(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
