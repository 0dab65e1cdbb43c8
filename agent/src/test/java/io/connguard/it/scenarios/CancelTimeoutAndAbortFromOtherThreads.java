package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The calls JDBC allows from any thread, all used correctly:
 * <ol>
 * <li>thread "canceller" calls {@code Statement.cancel()} while main is executing a long query on it;</li>
 * <li>a {@code setQueryTimeout(1)} that fires (MySQL: Connector/J's cancellation timer thread kills
 *     the query; SQLite: the statement gives up waiting for a lock another connection holds);</li>
 * <li>thread "watchdog" calls {@code Connection.abort(executor)} on main's connection; main then closes it.</li>
 * </ol>
 */
public final class CancelTimeoutAndAbortFromOtherThreads {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "cancel").createItems(10);
        String neverEnding = db.isMysql()
                ? "SELECT SLEEP(20)"
                : "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000) SELECT sum(x) FROM c";

        try (Connection conn = DriverManager.getConnection(db.url); Statement st = conn.createStatement()) {
            CountDownLatch executing = new CountDownLatch(1);
            Threads.Named canceller = Threads.start("canceller", () -> {
                executing.await();
                Thread.sleep(300); // main is inside executeQuery by now
                st.cancel();
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

        try (Connection conn = DriverManager.getConnection(db.url); Statement st = conn.createStatement()) {
            st.setQueryTimeout(1);
            if (db.isMysql()) {
                try (ResultSet rs = st.executeQuery("SELECT SLEEP(10)")) {
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
        try (Connection conn = DriverManager.getConnection(db.url)) {
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + db.table)) {
                rs.next();
            }
            Threads.run("watchdog", () -> conn.abort(abortExecutor));
            abortExecutor.shutdown();
            abortExecutor.awaitTermination(10, TimeUnit.SECONDS);
            System.out.println("abort: closed=" + conn.isClosed());
        }

        db.cleanUp();
        System.out.println("done");
    }
}
