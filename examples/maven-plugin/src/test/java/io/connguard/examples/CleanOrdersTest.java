package io.connguard.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JDBC used right: every connection closed, and the asynchronous stage opens its own. connguard stays silent. */
class CleanOrdersTest {
    @TempDir
    Path dir;

    @Test
    void countsOrdersInAStageWithItsOwnConnection() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("orders.db");
        create(url);
        int count = CompletableFuture.supplyAsync(() -> count(url)).get();
        assertEquals(2, count);
    }

    @Test
    void theProjectsOwnArgLineStaysBesideTheAgent() {
        assertEquals("UTC", System.getProperty("user.timezone"));
    }

    static int count(String url) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void create(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER)");
            s.execute("INSERT INTO orders (total) VALUES (10), (20)");
        }
    }
}
