package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.apache.commons.dbcp2.BasicDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Connections given back to their pool to be destroyed, through the pool's own API instead of a
 * close: HikariCP's {@code evictConnection} and DBCP2's {@code invalidateConnection}, each used
 * three times on one thread, as the pools document, and HikariCP's on a connection already
 * returned (a "soft" eviction). With {@code leak}, one more borrow from each pool that is never
 * given back.
 */
public final class ConnectionsEvictedThroughThePool {
    static Connection keptFromHikari, keptFromDbcp; // with "leak": never given back

    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "evicted").createItems(3);
        boolean leak = args.length > 0 && args[args.length - 1].equals("leak");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url);
        config.setMaximumPoolSize(2);
        try (HikariDataSource hikari = new HikariDataSource(config); BasicDataSource dbcp = new BasicDataSource()) {
            dbcp.setUrl(db.url);
            dbcp.setMaxTotal(2);
            for (int i = 0; i < 3; i++) {
                Connection c = hikari.getConnection();
                count(c, db.table);
                hikari.evictConnection(c);
                Connection d = dbcp.getConnection();
                count(d, db.table);
                dbcp.invalidateConnection(d);
            }
            Connection returned = hikari.getConnection();
            returned.close();
            hikari.evictConnection(returned);
            if (leak) {
                keptFromHikari = hikari.getConnection();
                keptFromDbcp = dbcp.getConnection();
            }
        }
        db.cleanUp();
        System.out.println("done");
    }

    private static void count(Connection c, String table) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
        }
    }
}
