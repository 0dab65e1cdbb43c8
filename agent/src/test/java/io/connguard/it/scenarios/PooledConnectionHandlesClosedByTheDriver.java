package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.ConnectionPoolDataSource;
import javax.sql.PooledConnection;

import com.mysql.cj.jdbc.MysqlConnectionPoolDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * A driver's {@code PooledConnection} closes its handles itself, without their {@code close()}
 * (pgjdbc and Connector/J do): the one before, when asked for another; the last one, when the
 * pooled connection closes. Main takes a handle and leaves it to the next {@code getConnection()},
 * takes a second and leaves it to the pooled connection's {@code close()}, then asks the closed
 * pooled connection for another (JDBC: an {@code SQLException}; MariaDB's driver hands out its
 * connection, closed): nothing leaked. It then takes a handle of another pooled connection and
 * closes neither: that one, and only that one, leaks. Argument: a Connector/J ({@code jdbc:mysql:}),
 * MariaDB Connector/J ({@code jdbc:mariadb:}) or PostgreSQL URL.
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
        try {
            Connection after = pooled.getConnection(); // JDBC: an SQLException; MariaDB's driver hands out its closed connection
            System.out.println("after close: closed=" + after.isClosed());
        } catch (SQLException refused) {
            System.out.println("after close: refused");
        }
        Threads.collectGarbage(); // the handles are unreachable: nothing may be said of them
        PooledConnection forgotten = source(url).getPooledConnection();
        leaked = forgotten.getConnection();
        query(leaked);
        System.out.println("done");
    }

    static ConnectionPoolDataSource source(String url) throws SQLException {
        if (url.startsWith("jdbc:mariadb:")) return new MariaDbDataSource(url);
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
