package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One connection, opened by main, used by four workers in turn (never at once), five times each
 * at two places: {@code find} prepares its own statement on the shared connection, {@code countAll}
 * executes main's prepared statement. One bug: the shared connection.
 */
public final class ConnectionSharedByFourThreads {
    static void find(Connection c, String table, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM " + table + " WHERE id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }

    static void countAll(PreparedStatement count) throws SQLException {
        try (ResultSet rs = count.executeQuery()) {
            rs.next();
        }
    }

    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "shared").createItems(10);
        try (Connection shared = DriverManager.getConnection(db.url);
             PreparedStatement count = shared.prepareStatement("SELECT count(*) FROM " + db.table)) {
            for (int w = 1; w <= 4; w++) {
                Threads.run("worker-" + w, () -> {
                    for (int i = 1; i <= 5; i++) {
                        find(shared, db.table, i);
                        countAll(count);
                    }
                });
            }
        }
        db.cleanUp();
        System.out.println("done");
    }
}
