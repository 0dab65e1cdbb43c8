package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Idiomatic and correct: try-with-resources on the statement only; its result set is never closed
 * explicitly, the statement closes it. Garbage is collected afterwards: no leak either way.
 */
public final class ResultSetClosedByItsStatement {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "rsbystatement").createItems(10);
        try (Connection c = DriverManager.getConnection(db.url)) {
            try (Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SELECT id FROM " + db.table);
                while (rs.next()) {
                    rs.getInt(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM " + db.table + " WHERE id = ?")) {
                ps.setInt(1, 5);
                ResultSet rs = ps.executeQuery();
                rs.next();
            }
        }
        Threads.collectGarbage();
        db.cleanUp();
        System.out.println("done");
    }
}
