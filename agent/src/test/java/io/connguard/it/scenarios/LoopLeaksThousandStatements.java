package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** One bug, a thousand times: a loop that never closes its statements, then closes the connection. */
public final class LoopLeaksThousandStatements {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "dedup").createItems(10);
        try (Connection c = DriverManager.getConnection(db.url)) {
            for (int i = 0; i < 1000; i++) {
                PreparedStatement ps = c.prepareStatement("SELECT name FROM " + db.table + " WHERE id = ?");
                ps.setInt(1, 1 + i % 10);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
        }
        db.cleanUp();
        System.out.println("done");
    }
}
