package io.connguard.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A database server the tests expect on this machine ({@link Mysql}, {@link Postgres}). Tests that
 * need it are skipped when it cannot be reached, except on CI ({@code CI=true}), where a missing
 * server fails them: CI must not pass by skipping. It is probed once per test JVM.
 */
final class LocalServer {
    private final String name;
    private final String url;
    private final String probeOptions;
    private final String hint;
    private String unreachable;
    private boolean probed;

    /** {@code probeOptions} are appended to {@code url} for the probe (a short connect timeout); {@code hint} ends the skip message. */
    LocalServer(String name, String url, String probeOptions, String hint) {
        this.name = name;
        this.url = url;
        this.probeOptions = probeOptions;
        this.hint = hint;
    }

    synchronized void assumeReachable() {
        if (!probed) {
            probed = true;
            try (Connection c = DriverManager.getConnection(url + probeOptions)) {
                c.isValid(3);
            } catch (SQLException e) {
                unreachable = e.getMessage().lines().findFirst().orElse(e.toString());
            }
        }
        if (unreachable == null) return;
        String message = name + " at " + hostAndPort() + " not reachable: " + unreachable + hint;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(message + " (CI=true: " + name + " tests must run)");
        Assumptions.abort(message);
    }

    String hostAndPort() {
        String rest = url.substring(url.indexOf("//") + 2);
        int end = rest.indexOf('/');
        return end < 0 ? rest : rest.substring(0, end);
    }
}
