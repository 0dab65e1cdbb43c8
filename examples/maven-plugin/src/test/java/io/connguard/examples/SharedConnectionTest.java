package io.connguard.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A misuse connguard exists for: the test's connection is used by a CompletableFuture stage on a
 * pool thread. SQLite copes, so the test passes; connguard reports CROSS_THREAD_USE.
 */
class SharedConnectionTest {
    @Test
    void countsOrdersInACompletableFuture() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER)");
                s.execute("INSERT INTO orders (total) VALUES (10), (20)");
            }
            int count = CompletableFuture.supplyAsync(() -> {
                try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders")) {
                    rs.next();
                    return rs.getInt(1);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).get();
            assertEquals(2, count);
        }
    }
}
