package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import javax.sql.PooledConnection;

import com.mysql.cj.jdbc.MysqlConnectionPoolDataSource;
import com.mysql.cj.jdbc.MysqlDataSource;
import org.sqlite.SQLiteDataSource;
import org.sqlite.javax.SQLiteConnectionPoolDataSource;

/**
 * A connection obtained each way JDBC offers, on SQLite or (with a jdbc:mysql: URL) MySQL:
 * {@code DriverManager.getConnection}, {@code Driver.connect} called directly, {@code DataSource.getConnection}
 * and {@code PooledConnection.getConnection} (the logical connection; the physical one behind it
 * belongs to the PooledConnection and stays open until the end of the program, as a pool keeps it).
 *
 * <p>{@code misuse}: main opens each and thread "user-WAY" uses it. {@code correct}: main opens, uses
 * and closes each; a thread "pooled-user" takes its own logical connection from the PooledConnection.
 */
public final class OpenedEveryWay {
    static final List<String> WAYS = Arrays.asList("driver-manager", "driver-connect", "data-source", "pooled-connection");

    public static void main(String[] args) throws Exception {
        boolean misuse = Arrays.asList(args).contains("misuse");
        ScenarioDb db = ScenarioDb.fromArgs(args, "everyway").createItems(10);
        PooledConnection pooled = pooledConnection(db);

        for (String way : WAYS) {
            Connection c = open(way, db, pooled);
            if (misuse) {
                Threads.run("user-" + way, () -> {
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db.table)) {
                        rs.next();
                    }
                });
            } else {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db.table)) {
                    rs.next();
                }
            }
            c.close();
        }
        if (!misuse) {
            Threads.run("pooled-user", () -> {
                try (Connection logical = pooled.getConnection(); Statement s = logical.createStatement();
                     ResultSet rs = s.executeQuery("SELECT max(id) FROM " + db.table)) {
                    rs.next();
                }
            });
        }

        if (db.isMysql()) db.cleanUp();
        System.out.println("done"); // the PooledConnection's physical connection is still open: a pool's, not a leak
    }

    static Connection open(String way, ScenarioDb db, PooledConnection pooled) throws Exception {
        switch (way) {
            case "driver-manager":
                return DriverManager.getConnection(db.url);
            case "driver-connect":
                return db.isMysql()
                        ? new com.mysql.cj.jdbc.Driver().connect(db.url, new Properties())
                        : new org.sqlite.JDBC().connect(db.url, new Properties());
            case "data-source":
                if (db.isMysql()) {
                    MysqlDataSource ds = new MysqlDataSource();
                    ds.setUrl(db.url);
                    return ds.getConnection();
                }
                SQLiteDataSource ds = new SQLiteDataSource();
                ds.setUrl(db.url);
                return ds.getConnection();
            case "pooled-connection":
                return pooled.getConnection();
            default:
                throw new IllegalArgumentException(way);
        }
    }

    static PooledConnection pooledConnection(ScenarioDb db) throws Exception {
        if (db.isMysql()) {
            MysqlConnectionPoolDataSource cpds = new MysqlConnectionPoolDataSource();
            cpds.setUrl(db.url);
            return cpds.getPooledConnection();
        }
        SQLiteConnectionPoolDataSource cpds = new SQLiteConnectionPoolDataSource();
        cpds.setUrl(db.url);
        return cpds.getPooledConnection();
    }
}
