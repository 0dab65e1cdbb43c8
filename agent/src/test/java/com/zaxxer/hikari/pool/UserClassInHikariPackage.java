package com.zaxxer.hikari.pool;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.connguard.it.scenarios.ScenarioDb;
import io.connguard.it.scenarios.Threads;

/**
 * An application class that happens to live in HikariCP's package (as a pool's own tests do), but
 * not in HikariCP's jar: it borrows a connection that thread "borrower" then uses, and borrows
 * another one it never returns. Both are the user's mistakes, whatever the package says.
 */
public final class UserClassInHikariPackage {
    static Connection neverReturned; // reachable until the end: found at exit

    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "hikaripkg").createItems(3);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url);
        config.setMaximumPoolSize(3);
        HikariDataSource pool = new HikariDataSource(config);
        Connection borrowed = pool.getConnection();
        Threads.run("borrower", () -> {
            try (Statement s = borrowed.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db.table)) {
                rs.next();
            }
        });
        borrowed.close();
        neverReturned = pool.getConnection();
        System.out.println("done");
    }
}
