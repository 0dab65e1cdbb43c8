package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.PooledConnection;

import org.sqlite.javax.SQLiteConnectionPoolDataSource;

/**
 * A {@code PooledConnection} asked for a second handle closes the first one itself, inside
 * {@code getConnection()} (JDBC: "the previous Connection object is closed"); sqlite-jdbc does so.
 * Main takes a handle, uses it, takes another one, uses and closes that, and closes the pooled
 * connection: every handle was closed, a correct program.
 */
public final class PooledConnectionReplacesItsHandle {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.sqlite("handles", "").createItems(2);
        SQLiteConnectionPoolDataSource source = new SQLiteConnectionPoolDataSource();
        source.setUrl(db.url);
        PooledConnection pooled = source.getPooledConnection();
        count(pooled.getConnection(), db.table); // closed by the next getConnection
        Connection second = pooled.getConnection();
        count(second, db.table);
        second.close();
        pooled.close();
        Threads.collectGarbage(); // the first handle is unreachable: nothing may be said of it
        db.cleanUp();
        System.out.println("done");
    }

    static void count(Connection c, String table) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
        }
    }
}
