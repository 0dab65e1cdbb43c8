package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;

/**
 * The calls JDBC allows from any thread, all used correctly:
 * <ol>
 * <li>thread "canceller" asks whether the connection is closed, and calls
 *     {@code Statement.cancel()} while main is executing a long query on it (on PostgreSQL pgjdbc's
 *     {@code PGConnection.cancelQuery()}, which asks {@code isClosed()} itself);</li>
 * <li>a {@code setQueryTimeout(1)} that fires (Connector/J's and pgjdbc's timer threads cancel the
 *     query, H2 checks the time itself; SQLite: the statement gives up waiting for a lock another
 *     connection holds);</li>
 * <li>main calls {@code Connection.abort(null)}, which Connector/J and pgjdbc refuse, and uses the
 *     connection on; thread "watchdog" calls {@code Connection.abort(executor)} on it; main then closes it.</li>
 * </ol>
 * Arguments: a {@code jdbc:} URL (SQLite file if none), and {@code hikari} to take the connections
 * from a HikariCP pool instead of {@code DriverManager}.
 */
public final class CancelTimeoutAndAbortFromOtherThreads {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "cancel").createItems(10);
        boolean hikari = Arrays.asList(args).contains("hikari");
        HikariDataSource pool = null;
        if (hikari) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(db.url);
            config.setMaximumPoolSize(3);
            pool = new HikariDataSource(config);
        }
        HikariDataSource from = pool;
        Opener open = () -> from != null ? from.getConnection() : DriverManager.getConnection(db.url);
        String neverEnding = sleep(db, 20);

        try (Connection conn = open.connection(); Statement st = conn.createStatement()) {
            PGConnection pg = db.url.startsWith("jdbc:postgresql:") ? conn.unwrap(PGConnection.class) : null;
            CountDownLatch executing = new CountDownLatch(1);
            Threads.Named canceller = Threads.start("canceller", () -> {
                executing.await();
                Thread.sleep(300); // main is inside executeQuery by now
                if (conn.isClosed()) return; // not the statement's: Connector/J's waits for the running query's lock
                if (pg != null) pg.cancelQuery();
                else st.cancel();
            });
            executing.countDown();
            long started = System.nanoTime();
            try (ResultSet rs = st.executeQuery(neverEnding)) {
                rs.next();
                System.out.println("cancel: query returned " + rs.getString(1));
            } catch (SQLException cancelled) {
                System.out.println("cancel: " + cancelled.getClass().getSimpleName());
            }
            canceller.join();
            if (TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) > 10) throw new IllegalStateException("cancel had no effect");
        }

        try (Connection conn = open.connection(); Statement st = conn.createStatement()) {
            st.setQueryTimeout(1);
            if (!db.isSqlite()) {
                try (ResultSet rs = st.executeQuery(sleep(db, 10))) {
                    rs.next();
                    System.out.println("timeout: query returned " + rs.getString(1));
                } catch (SQLException timedOut) {
                    System.out.println("timeout: " + timedOut.getClass().getSimpleName());
                }
            } else {
                try (Connection holder = DriverManager.getConnection(db.url); Statement hs = holder.createStatement()) {
                    hs.execute("BEGIN EXCLUSIVE");
                    try {
                        st.executeUpdate("INSERT INTO " + db.table + " (id, name) VALUES (100, 'late')");
                        throw new IllegalStateException("the query timeout did not fire");
                    } catch (SQLException timedOut) {
                        System.out.println("timeout: " + timedOut.getClass().getSimpleName());
                    }
                    hs.execute("ROLLBACK");
                }
            }
        }

        ExecutorService abortExecutor = Executors.newSingleThreadExecutor(r -> new Thread(r, "abort-executor"));
        Connection aborted = open.connection();
        boolean refused = false;
        try {
            aborted.abort(null); // JDBC: an SQLException, and nothing aborted; H2's and sqlite-jdbc's abort does nothing at all
        } catch (SQLException noExecutor) {
            refused = true;
        }
        System.out.println("abort(null): " + (refused ? "refused" : "returned"));
        if (refused) {
            try (Statement st = aborted.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + db.table)) {
                rs.next();
            }
        }
        Threads.run("watchdog", () -> aborted.abort(abortExecutor));
        abortExecutor.shutdown();
        abortExecutor.awaitTermination(10, TimeUnit.SECONDS);
        System.out.println("abort: closed=" + aborted.isClosed());
        try {
            aborted.close();
        } catch (SQLException alreadyAborted) {
            System.out.println("abort: close said " + alreadyAborted.getClass().getSimpleName()); // HikariCP over pgjdbc
        }

        if (pool != null) pool.close();
        db.cleanUp();
        System.out.println("done");
    }

    /** A query that runs for about {@code seconds} unless cancelled. */
    static String sleep(ScenarioDb db, int seconds) {
        if (db.isMysql()) return "SELECT SLEEP(" + seconds + ")";
        if (db.url.startsWith("jdbc:postgresql:")) return "SELECT pg_sleep(" + seconds + ")";
        return "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " + seconds + "0000000) SELECT sum(x) FROM c";
    }

    interface Opener {
        Connection connection() throws SQLException;
    }
}
