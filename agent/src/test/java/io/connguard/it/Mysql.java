package io.connguard.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The local MariaDB/MySQL server at 127.0.0.1:3306 (user root, empty password, database test); see {@link LocalServer}. */
final class Mysql {
    /** {@code -Dconnguard.it.mysql.url=...} points the tests at another server. */
    static final String URL = System.getProperty("connguard.it.mysql.url", "jdbc:mysql://127.0.0.1:3306/test?user=root&sslMode=DISABLED");
    private static final LocalServer SERVER = new LocalServer("MySQL", URL, "&connectTimeout=3000", "");

    private Mysql() {}

    static void assumeReachable() {
        SERVER.assumeReachable();
    }

    static String hostAndPort() {
        return SERVER.hostAndPort();
    }

    /** Runs statements as root in the test JVM (creating and dropping the test user). */
    static void execute(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }
}
