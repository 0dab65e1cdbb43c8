package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * HikariCP misused, twice: main borrows a connection and thread "hikari-borrower" uses it; then main
 * borrows another and never returns it, and the program exits with it still borrowed (the pool is not
 * closed either: its physical connections are the pool's business, not a leak).
 */
public final class HikariConnectionMisused {
    static Connection neverReturned; // reachable until the end: found at exit, not by GC

    public static void main(String[] args) throws Exception {
        System.setProperty("com.zaxxer.hikari.housekeeping.periodMs", "200");
        ScenarioDb db = ScenarioDb.fromArgs(args, "hikaribad").createItems(10);

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url);
        config.setMaximumPoolSize(3);
        config.setMinimumIdle(1);
        HikariDataSource pool = new HikariDataSource(config);

        Connection borrowed = pool.getConnection();
        Threads.run("hikari-borrower", () -> {
            try (PreparedStatement ps = borrowed.prepareStatement("SELECT name FROM " + db.table + " WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        });
        borrowed.close();

        neverReturned = pool.getConnection();
        try (Statement s = neverReturned.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db.table)) {
            rs.next();
        }
        Threads.sleep(500); // the pool's housekeeper runs meanwhile

        if (db.isMysql()) db.cleanUp();
        System.out.println("done");
    }
}
