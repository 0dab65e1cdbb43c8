package io.connguard.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The local MariaDB/MySQL server at 127.0.0.1:3306 (user root, empty password, database test).
 * Tests that need it are skipped when it cannot be reached, except on CI ({@code CI=true}), where a
 * missing server fails them: CI must not pass by skipping.
 */
final class Mysql {
    /** {@code -Dconnguard.it.mysql.url=...} points the tests at another server. */
    static final String URL = System.getProperty("connguard.it.mysql.url", "jdbc:mysql://127.0.0.1:3306/test?user=root&sslMode=DISABLED");

    private static String unreachable;
    private static boolean probed;

    private Mysql() {}

    static synchronized void assumeReachable() {
        if (!probed) {
            probed = true;
            try (Connection c = DriverManager.getConnection(URL + "&connectTimeout=3000")) {
                c.isValid(3);
            } catch (SQLException e) {
                unreachable = e.getMessage().lines().findFirst().orElse(e.toString());
            }
        }
        if (unreachable == null) return;
        String message = "MySQL at " + hostAndPort() + " not reachable: " + unreachable;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(message + " (CI=true: MySQL tests must run)");
        Assumptions.abort(message);
    }

    static String hostAndPort() {
        String rest = URL.substring(URL.indexOf("//") + 2);
        int end = rest.indexOf('/');
        return end < 0 ? rest : rest.substring(0, end);
    }

    /** Runs statements as root in the test JVM (creating and dropping the test user). */
    static void execute(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }
}
