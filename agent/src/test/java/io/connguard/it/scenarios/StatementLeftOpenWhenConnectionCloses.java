package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * A PreparedStatement never closed; its connection is (try-with-resources on the connection only).
 * Behind a pool or a statement cache that is a real leak. The program then collects garbage: the
 * statement is reported once, as PARENT_CLOSED, not again by GC or at exit.
 */
public final class StatementLeftOpenWhenConnectionCloses {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "parentclosed").createItems(10);
        try (Connection c = DriverManager.getConnection(db.url)) {
            PreparedStatement ps = c.prepareStatement("SELECT name FROM " + db.table + " WHERE id = ?");
            ps.setInt(1, 2);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
        Threads.collectGarbage();
        db.cleanUp();
        System.out.println("done");
    }
}
