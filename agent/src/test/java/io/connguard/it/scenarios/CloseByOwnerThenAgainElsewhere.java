package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Correct closing: thread "owner" opens a connection and a statement and closes both. Afterwards main,
 * tidying up, closes them again: closing an already closed resource is a no-op in JDBC, not a
 * wrong-thread close.
 */
public final class CloseByOwnerThenAgainElsewhere {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "doubleclose").createItems(10);
        AtomicReference<Connection> conn = new AtomicReference<>();
        AtomicReference<PreparedStatement> stmt = new AtomicReference<>();

        Threads.run("owner", () -> {
            Connection c = DriverManager.getConnection(db.url);
            PreparedStatement ps = c.prepareStatement("SELECT name FROM " + db.table + " WHERE id = 1");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
            ps.close();
            c.close();
            conn.set(c);
            stmt.set(ps);
        });
        stmt.get().close();
        conn.get().close();

        db.cleanUp();
        System.out.println("done");
    }
}
