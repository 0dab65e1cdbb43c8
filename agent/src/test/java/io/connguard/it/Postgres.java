package io.connguard.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The local PostgreSQL server at 127.0.0.1:5432 (database test, user postgres, trust authentication).
 * Tests that need it are skipped when it cannot be reached, except on CI ({@code CI=true}), where a
 * missing server fails them, as for {@link Mysql}.
 */
final class Postgres {
    /** {@code -Dconnguard.it.postgres.url=...} points the tests at another server. */
    static final String URL = System.getProperty("connguard.it.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&sslmode=disable");

    private static String unreachable;
    private static boolean probed;

    private Postgres() {}

    static synchronized void assumeReachable() {
        if (!probed) {
            probed = true;
            try (Connection c = DriverManager.getConnection(URL + "&connectTimeout=3")) {
                c.isValid(3);
            } catch (SQLException e) {
                unreachable = e.getMessage().lines().findFirst().orElse(e.toString());
            }
        }
        if (unreachable == null) return;
        String message = "PostgreSQL at " + hostAndPort() + " not reachable: " + unreachable
                + " (start it: pg_ctlcluster --skip-systemctl-redirect VERSION main start)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(message + " (CI=true: PostgreSQL tests must run)");
        Assumptions.abort(message);
    }

    static String hostAndPort() {
        String rest = URL.substring(URL.indexOf("//") + 2);
        int end = rest.indexOf('/');
        return end < 0 ? rest : rest.substring(0, end);
    }
}
