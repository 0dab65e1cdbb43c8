package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.ConnectionPoolDataSource;
import javax.sql.PooledConnection;

import com.mysql.cj.jdbc.MysqlConnectionPoolDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * A driver's {@code PooledConnection} closes its handles itself, without their {@code close()}
 * (pgjdbc and Connector/J do): the one before, when asked for another; the last one, when the
 * pooled connection closes. Main takes a handle and leaves it to the next {@code getConnection()},
 * takes a second and leaves it to the pooled connection's {@code close()}: nothing leaked. It then
 * takes a handle of another pooled connection and closes neither: that one, and only that one,
 * leaks. Argument: a MariaDB or PostgreSQL URL.
 */
public final class PooledConnectionHandlesClosedByTheDriver {
    /** Reachable until the JVM exits: a leak found at exit, not by GC timing. */
    static Connection leaked;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        PooledConnection pooled = source(url).getPooledConnection();
        query(pooled.getConnection()); // closed by the next getConnection
        query(pooled.getConnection()); // closed by the pooled connection's close
        pooled.close();
        Threads.collectGarbage(); // both handles are unreachable: nothing may be said of them
        PooledConnection forgotten = source(url).getPooledConnection();
        leaked = forgotten.getConnection();
        query(leaked);
        System.out.println("done");
    }

    static ConnectionPoolDataSource source(String url) {
        if (url.startsWith("jdbc:mysql:")) {
            MysqlConnectionPoolDataSource source = new MysqlConnectionPoolDataSource();
            source.setUrl(url);
            return source;
        }
        PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
        source.setUrl(url);
        return source;
    }

    static void query(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
        }
    }
}
