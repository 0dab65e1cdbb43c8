package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Secrets the report must never show: a password in the JDBC URL (by default a SQLite URL with a
 * {@code password=} parameter; with a jdbc:mysql: URL argument, a real MySQL user's) and a SQL literal
 * {@code 'S3cretLit'}. Misuse that puts both into findings: a PreparedStatement with the literal,
 * prepared by main and executed by thread "secret-user", and a connection still open at exit.
 */
public final class SecretsInUrlAndSql {
    static Connection leftOpen; // reported at exit, with its URL

    public static void main(String[] args) throws Exception {
        boolean mysql = args.length > 0 && args[0].startsWith("jdbc:");
        ScenarioDb db = mysql ? ScenarioDb.fromArgs(args, "secrets") : ScenarioDb.sqlite("secrets", "password=S3cretPw!");
        db.createItems(3);

        try (Connection conn = DriverManager.getConnection(db.url);
             PreparedStatement ps = conn.prepareStatement("SELECT name FROM " + db.table + " WHERE name = 'S3cretLit' OR id = 1")) {
            Threads.run("secret-user", () -> {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            });
        }

        leftOpen = DriverManager.getConnection(db.url);
        try (Statement s = leftOpen.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db.table)) {
            rs.next();
        }
        if (mysql) db.cleanUp();
        System.out.println("done");
    }
}
