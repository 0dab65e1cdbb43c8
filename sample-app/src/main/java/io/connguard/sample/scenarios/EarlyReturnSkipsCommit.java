package io.connguard.sample.scenarios;

import com.zaxxer.hikari.HikariDataSource;
import io.connguard.sample.Database;
import io.connguard.sample.Scenario;
import java.sql.Connection;
import java.sql.PreparedStatement;

/**
 * A transaction left open: after {@code setAutoCommit(false)} and an insert, an early return skips
 * the commit and try-with-resources returns the connection to the pool, which rolls the insert back
 * without a word. connguard: {@code TRANSACTION_LEFT_OPEN} with the close and the insert's SQL.
 */
public final class EarlyReturnSkipsCommit implements Scenario {

    @Override
    public String name() {
        return "early-return-skips-commit";
    }

    @Override
    public String description() {
        return "after setAutoCommit(false) and an insert, an early return skips the commit";
    }

    @Override
    public String expectedFinding() {
        return "TRANSACTION_LEFT_OPEN of the Connection, at its close, with the insert's SQL";
    }

    @Override
    public void run(Database db) throws Exception {
        try (HikariDataSource pool = db.pool(1)) {
            save(pool, 0);
        }
    }

    private static void save(HikariDataSource pool, int n) throws Exception {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO early_return_skips_commit (n) VALUES (?)")) {
                insert.setInt(1, n);
                insert.executeUpdate();
            }
            if (n == 0) return; // the bug: nothing to do for zero, thought the author
            c.commit();
        }
    }
}
