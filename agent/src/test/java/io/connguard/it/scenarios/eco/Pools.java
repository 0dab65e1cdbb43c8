package io.connguard.it.scenarios.eco;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.alibaba.druid.pool.DruidDataSource;
import com.example.datasource.WrappingDataSource;
import com.example.owndatasource.ManualCommitDataSource;
import com.mchange.v2.c3p0.ComboPooledDataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.connguard.it.scenarios.ScenarioDb;
import io.connguard.it.scenarios.Threads;
import org.apache.commons.dbcp2.BasicDataSource;
import org.apache.ibatis.datasource.pooled.PooledDataSource;
import oracle.ucp.admin.UniversalConnectionPoolManagerImpl;
import oracle.ucp.jdbc.PoolDataSource;
import oracle.ucp.jdbc.PoolDataSourceFactory;
import org.h2.jdbcx.JdbcConnectionPool;
import org.vibur.dbcp.ViburDBCPDataSource;

/**
 * One connection pool over an in-memory H2 database, used right or misused:
 * {@code Pools POOL correct|misuse} with POOL one of {@code dbcp2}, {@code c3p0}, {@code tomcat},
 * {@code agroal}, {@code h2pool}, {@code hikari}, {@code vibur}, {@code ucp} (Oracle UCP over a
 * non-Oracle driver), {@code druid}, {@code mybatis} (MyBatis's {@code PooledDataSource}).
 *
 * <p>Every pool is configured so that its own threads work during the run: physical connections
 * opened to keep a minimum idle, validated while idle, retired after a short lifetime and replaced
 * (H2's and MyBatis's pools have no threads; Vibur has no lifetime, its reducer thread closes the idle connections
 * beyond the initial size). Statement caches are on where the pool has one (DBCP2
 * {@code poolPreparedStatements}, c3p0 {@code maxStatements}, Tomcat's {@code StatementCache}
 * interceptor, UCP {@code maxStatements}, Druid {@code poolPreparedStatements}). HikariCP runs with its own {@code leakDetectionThreshold} beside connguard's
 * {@code leakThreshold}, and is closed from a shutdown hook.
 *
 * <p>{@code correct}: four threads ("app-1".."app-4") borrow, query and return, each its own
 * connection, with try-with-resources; then the same SQL is prepared, closed and prepared again across
 * two borrows on thread "first" and then on thread "second" (a statement cache hands the same
 * statement back). Everything printed is deterministic, so a run without the agent must print the same.
 *
 * <p>{@code misuse}: main borrows a connection and thread "POOL-borrower" prepares a statement on it;
 * main then prepares a statement on it that it never closes, and returns the connection; then main
 * borrows another, prepares the same SQL again (closed, this time) and never returns that connection.
 * With {@code hikari}, thread "slow-holder" also
 * keeps a connection 2.3 s before returning it (longer than both leak thresholds). The pool is not
 * closed: its physical connections are still open at exit, which is the pool's business.
 */
public final class Pools {
    static final String SQL = "SELECT name FROM %s WHERE id = ?";
    static Connection neverReturned;

    public static void main(String[] args) throws Exception {
        String pool = args[0];
        boolean misuse = args[1].equals("misuse");
        ScenarioDb db = ScenarioDb.fromArgs(new String[] {"jdbc:h2:mem:" + pool + ";DB_CLOSE_DELAY=-1"}, pool).createItems(20);
        String sql = String.format(SQL, db.table);
        long sessionsBefore = sessionsOpenedSoFar(db.url);

        DataSource ds = create(pool, db.url, 2, true);
        if (misuse) {
            misuse(pool, ds, sql, db.table);
            System.out.println("done");
            System.exit(0); // as an application ends: UCP's timer threads are not daemons and outlive main
        }

        List<Threads.Named> app = new ArrayList<>();
        long[] sums = new long[5];
        for (int t = 1; t <= 4; t++) {
            int me = t;
            app.add(Threads.start("app-" + t, () -> {
                for (int i = 0; i < 25; i++) {
                    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setInt(1, 1 + (me * 7 + i) % 20);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) sums[me] += rs.getString(1).length();
                        }
                    }
                    Thread.sleep(10L * me);
                }
            }));
        }
        for (Threads.Named t : app) t.join();
        for (int t = 1; t <= 4; t++) System.out.println("app-" + t + ": 25 queries, name lengths " + sums[t]);

        Threads.sleep(700); // idle: validation, eviction, retirement and replacement by the pool's threads
        if (!pool.equals("h2pool") && !pool.equals("mybatis")) {
            // when a pool retires and replaces is its threads' timing, not ours: wait for it, up to 10 s
            boolean replaced = false;
            for (int ownSessions = 1; ownSessions <= 100 && !replaced; ownSessions++) {
                replaced = sessionsOpenedSoFar(db.url) - sessionsBefore - ownSessions > 2;
                if (!replaced) Threads.sleep(100);
            }
            System.out.println("the pool replaced physical connections: " + replaced);
        }

        // A pool of one connection that never retires it: a statement cache must hand the same statement back.
        DataSource single = create(pool, db.url, 1, false);
        Object[] inner = new Object[2];
        Threads.run("first", () -> inner[0] = prepareTwice(single, sql));
        Threads.run("second", () -> inner[1] = prepareTwice(single, sql));
        System.out.println("cached statement came back on another thread: " + (inner[0] == inner[1]));
        close(single);
        if (pool.equals("hikari")) {
            HikariDataSource hikari = (HikariDataSource) ds;
            Runtime.getRuntime().addShutdownHook(new Thread(hikari::close, "pool-closer"));
        } else {
            close(ds);
        }
        System.out.println("done");
        System.exit(0);
    }

    /** Borrows twice: prepares the SQL, closes it, prepares it again; returns the driver's statement behind the last one. */
    static Object prepareTwice(DataSource ds, String sql) throws Exception {
        Object driverStatement = null;
        for (int borrow = 0; borrow < 2; borrow++) {
            try (Connection c = ds.getConnection()) {
                for (int round = 0; round < 2; round++) {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setInt(1, 3);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                        }
                        driverStatement = driverStatement(ps);
                    }
                }
            }
        }
        return driverStatement;
    }

    /** UCP unwraps to interfaces only (though its isWrapperFor says yes): its own statement then stands for the driver's. */
    static Object driverStatement(PreparedStatement ps) {
        try {
            return ps.unwrap(org.h2.jdbc.JdbcPreparedStatement.class);
        } catch (SQLException e) {
            return ps;
        }
    }

    static void misuse(String pool, DataSource ds, String sql, String table) throws Exception {
        Connection borrowed = ds.getConnection();
        Threads.run(pool + "-borrower", () -> {
            try (PreparedStatement ps = borrowed.prepareStatement(sql)) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
        });
        PreparedStatement forgotten = borrowed.prepareStatement(sql); // never closed: the pool's logical close may keep it open
        forgotten.setInt(1, 2);
        try (ResultSet rs = forgotten.executeQuery()) {
            rs.next();
        }
        borrowed.close();

        if (pool.equals("hikari")) {
            Threads.run("slow-holder", () -> {
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                    Thread.sleep(2300);
                }
            });
        }

        neverReturned = ds.getConnection();
        try (Statement s = neverReturned.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
        }
        try (PreparedStatement again = neverReturned.prepareStatement(sql)) { // a statement cache hands the forgotten one back
            again.setInt(1, 3);
            try (ResultSet rs = again.executeQuery()) {
                rs.next();
            }
        }
        Threads.sleep(500); // the pool's threads run meanwhile
    }

    /**
     * A pool of {@code size} connections; {@code retire}: short lifetimes and idle times, so its
     * threads replace them. Besides the pools above, {@code hikari-datasource} (HikariCP given the
     * driver's data source object instead of a URL); and a pool's name with {@code -manual}
     * ({@code dbcp2-manual}, {@code vibur-manual}, {@code druid-manual}, {@code hikari-manual}):
     * that pool configured to hand out its connections in {@code autoCommit=false}; with
     * {@code -commit-on-return} ({@code dbcp2}, {@code c3p0}, {@code tomcat}), to commit what a
     * connection handed back left open; {@code dbcp2-keep-mode}: DBCP2 with
     * {@code autoCommitOnReturn=false}, which lends a connection in the mode the last borrow left; {@code hikari-lazy}: HikariCP built by its setters, which
     * starts at the first borrow;
     * {@code own-manual}: no pool, a data source of the application's own
     * that switches it off ({@link ManualCommitDataSource}). {@code wrapped-POOL}: that pool behind a
     * data source of the application's own that wraps each connection ({@link WrappingDataSource}).
     */
    static DataSource create(String pool, String url, int size, boolean retire) throws Exception {
        if (pool.startsWith("wrapped-")) return new WrappingDataSource(create(pool.substring("wrapped-".length()), url, size, retire));
        String suffix = pool.endsWith("-manual") ? "-manual"
            : pool.endsWith("-commit-on-return") ? "-commit-on-return" : pool.endsWith("-keep-mode") ? "-keep-mode" : "";
        boolean manual = suffix.equals("-manual");
        boolean commitOnReturn = suffix.equals("-commit-on-return");
        switch (pool.substring(0, pool.length() - suffix.length())) {
            case "dbcp2": {
                BasicDataSource ds = new BasicDataSource();
                ds.setUrl(url);
                if (manual) ds.setDefaultAutoCommit(false);
                if (commitOnReturn) ds.setRollbackOnReturn(false); // autoCommitOnReturn's setAutoCommit(true) commits
                if (suffix.equals("-keep-mode")) ds.setAutoCommitOnReturn(false); // lends it again as the last borrow left it
                ds.setInitialSize(size);
                ds.setMinIdle(size);
                ds.setMaxTotal(size);
                ds.setPoolPreparedStatements(true);
                ds.setMaxOpenPreparedStatements(20);
                ds.setTestWhileIdle(true);
                ds.setTestOnBorrow(true);
                ds.setValidationQuery("SELECT 1");
                ds.setDurationBetweenEvictionRuns(Duration.ofMillis(100));
                ds.setNumTestsPerEvictionRun(4);
                if (retire) {
                    ds.setMinEvictableIdle(Duration.ofMillis(200));
                    ds.setMaxConn(Duration.ofMillis(400));
                    ds.setLogExpiredConnections(false);
                }
                return ds;
            }
            case "c3p0": {
                if (manual) break;
                ComboPooledDataSource ds = new ComboPooledDataSource();
                ds.setJdbcUrl(url);
                ds.setInitialPoolSize(size);
                ds.setMinPoolSize(size);
                ds.setMaxPoolSize(size);
                ds.setMaxStatements(20);
                ds.setMaxStatementsPerConnection(10);
                ds.setNumHelperThreads(3);
                ds.setIdleConnectionTestPeriod(1);
                ds.setTestConnectionOnCheckin(true);
                ds.setAutoCommitOnClose(commitOnReturn);
                if (retire) ds.setMaxConnectionAge(1);
                return ds;
            }
            case "tomcat": {
                if (manual) break;
                org.apache.tomcat.jdbc.pool.DataSource ds = new org.apache.tomcat.jdbc.pool.DataSource();
                ds.setUrl(url);
                ds.setDriverClassName("org.h2.Driver");
                ds.setInitialSize(size);
                ds.setMinIdle(size);
                ds.setMaxIdle(size);
                ds.setMaxActive(size);
                ds.setTestWhileIdle(true);
                ds.setTestOnBorrow(true);
                ds.setValidationQuery("SELECT 1");
                ds.setValidationInterval(0);
                ds.setTimeBetweenEvictionRunsMillis(100);
                if (commitOnReturn) { // which Tomcat JDBC applies only to a pool in autoCommit=false
                    ds.setDefaultAutoCommit(false);
                    ds.setCommitOnReturn(true);
                }
                if (retire) {
                    ds.setMinEvictableIdleTimeMillis(200);
                    ds.setMaxAge(400);
                }
                ds.setJdbcInterceptors("org.apache.tomcat.jdbc.pool.interceptor.ConnectionState;"
                        + "org.apache.tomcat.jdbc.pool.interceptor.StatementFinalizer;"
                        + "org.apache.tomcat.jdbc.pool.interceptor.StatementCache(prepared=true,callable=false,max=20)");
                return ds;
            }
            case "agroal":
                if (manual) break;
                return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                        .connectionPoolConfiguration(cp -> {
                            cp.initialSize(size).minSize(size).maxSize(size)
                                    .acquisitionTimeout(Duration.ofSeconds(10))
                                    .validationTimeout(Duration.ofMillis(100))
                                    .connectionFactoryConfiguration(cf -> cf.jdbcUrl(url));
                            return retire ? cp.reapTimeout(Duration.ofMillis(200)).maxLifetime(Duration.ofMillis(400)) : cp;
                        }));
            case "h2pool": {
                if (manual) break;
                JdbcConnectionPool ds = JdbcConnectionPool.create(url, "", "");
                ds.setMaxConnections(size);
                return ds;
            }
            case "vibur": {
                ViburDBCPDataSource ds = new ViburDBCPDataSource();
                ds.setJdbcUrl(url);
                ds.setUsername("");
                ds.setPassword("");
                if (manual) ds.setDefaultAutoCommit(false);
                ds.setPoolInitialSize(1);
                ds.setPoolMaxSize(size == 1 ? 1 : 4); // the app's four threads grow it; the reducer shrinks it back
                ds.setConnectionIdleLimitInSeconds(0); // validated at every borrow
                ds.setTestConnectionQuery("SELECT 1");
                ds.setReducerTimeIntervalInSeconds(1);
                ds.setReducerSamples(2);
                ds.start();
                return ds;
            }
            case "ucp": {
                if (manual) break;
                PoolDataSource ds = PoolDataSourceFactory.getPoolDataSource();
                ds.setConnectionPoolName("ucp-" + size + "-" + retire);
                ds.setConnectionFactoryClassName("org.h2.Driver");
                ds.setURL(url);
                ds.setInitialPoolSize(size);
                ds.setMinPoolSize(size);
                ds.setMaxPoolSize(size);
                ds.setConnectionWaitDuration(Duration.ofSeconds(10)); // four threads share two connections
                ds.setValidateConnectionOnBorrow(true);
                ds.setSQLForValidateConnection("SELECT 1");
                ds.setMaxStatements(20);
                ds.setTimeoutCheckInterval(1);
                if (retire) ds.setMaxConnectionReuseCount(10); // retired when returned for the tenth time, then replaced
                return ds;
            }
            case "druid": {
                DruidDataSource ds = new DruidDataSource();
                ds.setUrl(url);
                if (manual) ds.setDefaultAutoCommit(false);
                ds.setInitialSize(size);
                ds.setMinIdle(size);
                ds.setMaxActive(size);
                ds.setPoolPreparedStatements(true);
                ds.setMaxPoolPreparedStatementPerConnectionSize(20);
                ds.setTestWhileIdle(true);
                ds.setValidationQuery("SELECT 1");
                ds.setTimeBetweenEvictionRunsMillis(100);
                ds.setKeepAlive(true);
                if (retire) ds.setPhyTimeoutMillis(400);
                ds.init();
                return ds;
            }
            case "mybatis": {
                if (manual) break;
                PooledDataSource ds = new PooledDataSource("org.h2.Driver", url, "", "");
                ds.setPoolMaximumActiveConnections(size);
                ds.setPoolMaximumIdleConnections(size);
                return ds;
            }
            case "own":
                if (!manual) break;
                return new ManualCommitDataSource(url);
            case "hikari-lazy": { // as Spring Boot builds it: the pool starts at the first borrow, on its thread
                HikariDataSource ds = new HikariDataSource();
                ds.setJdbcUrl(url);
                ds.setAutoCommit(!manual);
                ds.setMaximumPoolSize(size);
                return ds;
            }
            case "hikari":
            case "hikari-datasource": {
                HikariConfig config = new HikariConfig();
                if (pool.equals("hikari-datasource")) config.setDataSource(driverDataSource(url));
                else config.setJdbcUrl(url);
                config.setAutoCommit(!manual);
                config.setMaximumPoolSize(size);
                config.setMinimumIdle(size);
                config.setLeakDetectionThreshold(2000);
                HikariDataSource ds = new HikariDataSource(config);
                if (retire) { // below Hikari's start-up minimums, allowed at run time
                    ds.getHikariConfigMXBean().setMaxLifetime(400);
                    ds.getHikariConfigMXBean().setIdleTimeout(200);
                    ds.getHikariPoolMXBean().softEvictConnections();
                }
                return ds;
            }
        }
        throw new IllegalArgumentException("unknown pool " + pool);
    }

    /** The driver's own data source for {@code url} (H2 or Connector/J): a pool given one knows no URL of its own. */
    static DataSource driverDataSource(String url) {
        if (url.startsWith("jdbc:h2:")) {
            org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
            ds.setURL(url);
            return ds;
        }
        com.mysql.cj.jdbc.MysqlDataSource ds = new com.mysql.cj.jdbc.MysqlDataSource();
        ds.setUrl(url);
        return ds;
    }

    static void close(DataSource ds) throws Exception {
        if (ds instanceof AutoCloseable) ((AutoCloseable) ds).close();
        else if (ds instanceof org.apache.tomcat.jdbc.pool.DataSource) ((org.apache.tomcat.jdbc.pool.DataSource) ds).close();
        else if (ds instanceof JdbcConnectionPool) ((JdbcConnectionPool) ds).dispose();
        else if (ds instanceof PooledDataSource) ((PooledDataSource) ds).forceCloseAll();
        else if (ds instanceof PoolDataSource) {
            UniversalConnectionPoolManagerImpl.getUniversalConnectionPoolManager()
                    .destroyConnectionPool(((PoolDataSource) ds).getConnectionPoolName());
        }
    }

    /** H2 numbers its sessions in order: a new session's id tells how many were opened before it. */
    static long sessionsOpenedSoFar(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SESSION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
