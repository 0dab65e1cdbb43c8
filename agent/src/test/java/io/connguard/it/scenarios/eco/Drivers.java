package io.connguard.it.scenarios.eco;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.connguard.it.scenarios.ScenarioDb;
import io.connguard.it.scenarios.Threads;

/**
 * One driver, through {@code DriverManager} and through its own {@code DataSource} (H2's
 * {@code JdbcDataSource}, pgjdbc's {@code PGSimpleDataSource}): {@code Drivers URL correct|misuse}.
 *
 * <p>{@code correct}: for each way main opens a connection, prepares, queries and reads
 * {@code DatabaseMetaData} ({@code getTables}, {@code getColumns}), closing everything; thread
 * "own-WAY" opens and uses its own connection.
 *
 * <p>{@code misuse}: for each way main opens a connection and thread "user-WAY" queries on it; then
 * main prepares a statement on it, runs it, never closes it and closes the connection.
 *
 * <p>pgjdbc's data source is given a password ({@link #PASSWORD}); its {@code getURL()} spells out
 * every connection property.
 */
public final class Drivers {
    static final String[] WAYS = {"driver-manager", "data-source"};
    public static final String PASSWORD = "S3cretPgPw";

    public static void main(String[] args) throws Exception {
        String url = args[0];
        boolean misuse = args[1].equals("misuse");
        ScenarioDb db = ScenarioDb.fromArgs(new String[] {url}, "drivers").createItems(10);
        String t = db.table;

        for (String way : WAYS) {
            if (misuse) {
                Connection c = open(way, url);
                Threads.run("user-" + way, () -> {
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t)) {
                        rs.next();
                    }
                });
                PreparedStatement forgotten = c.prepareStatement("SELECT name FROM " + t + " WHERE id = ?");
                forgotten.setInt(1, 2);
                forgotten.executeQuery().next();
                c.close();
                continue;
            }
            try (Connection c = open(way, url)) {
                try (PreparedStatement ps = c.prepareStatement("SELECT name FROM " + t + " WHERE id = ?")) {
                    ps.setInt(1, 3);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        System.out.println(way + ": " + rs.getString(1));
                    }
                }
                System.out.println(way + " metadata: " + metadata(c, t));
            }
            Threads.run("own-" + way, () -> {
                try (Connection mine = open(way, url); Statement s = mine.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t)) {
                    rs.next();
                    System.out.println("own-" + way + ": " + rs.getInt(1) + " rows");
                }
            });
        }
        if (!url.startsWith("jdbc:h2:mem:")) db.cleanUp();
        System.out.println("done");
    }

    static Connection open(String way, String url) throws Exception {
        if (way.equals("driver-manager")) return DriverManager.getConnection(url);
        if (url.startsWith("jdbc:h2:")) {
            org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
            ds.setURL(url);
            return ds.getConnection();
        }
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(url);
        ds.setPassword(PASSWORD); // the test server trusts local connections and ignores it: it must never be printed
        return ds.getConnection();
    }

    static List<String> metadata(Connection c, String table) throws Exception {
        DatabaseMetaData md = c.getMetaData();
        String name = md.storesUpperCaseIdentifiers() ? table.toUpperCase() : table;
        List<String> out = new ArrayList<>();
        try (ResultSet rs = md.getTables(null, null, name, new String[] {"TABLE"})) {
            while (rs.next()) out.add("table");
        }
        try (ResultSet rs = md.getColumns(null, null, name, "%")) {
            while (rs.next()) out.add(rs.getString("COLUMN_NAME").toLowerCase());
        }
        return out;
    }
}
