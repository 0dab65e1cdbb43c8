package io.connguard.sample.scenarios;

import com.zaxxer.hikari.HikariDataSource;
import io.connguard.sample.Database;
import io.connguard.sample.Scenario;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Use after close: a DAO returns the {@code ResultSet} of a query whose statement and connection
 * its try-with-resources already closed; the caller reads it and gets the driver's or pool's
 * "closed" error, which never says where. connguard: {@code USE_AFTER_CLOSE} of the result set in
 * {@code next}, saying which thread closed it.
 */
public final class ResultSetOutlivesItsConnection implements Scenario {

    @Override
    public String name() {
        return "result-set-read-after-close";
    }

    @Override
    public String description() {
        return "a DAO returns a ResultSet its try-with-resources already closed; the caller reads it";
    }

    @Override
    public String expectedFinding() {
        return "USE_AFTER_CLOSE of the ResultSet in next(), naming the thread that closed it";
    }

    @Override
    public void run(Database db) throws Exception {
        try (HikariDataSource pool = db.pool(1)) {
            ResultSet rows = countRows(pool);
            try {
                rows.next();
            } catch (SQLException expected) {
                // what the application gets, without or with connguard: "closed", and nothing about where
            }
        }
    }

    private static ResultSet countRows(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement count = c.prepareStatement("SELECT count(*) FROM result_set_read_after_close")) {
            return count.executeQuery();
        }
    }
}
