package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;

/**
 * Thread "reader" runs a slow query on its own connection, its statement in try-with-resources;
 * main closes the reader's connection while the query runs. That close is the one misuse: the
 * reader's statement was cut off, not left open. Argument: a MySQL/MariaDB or PostgreSQL URL.
 */
public final class MainClosesConnectionUnderARunningQuery {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "cutoff").createItems(1);
        // a text no other run's query has, so that the server's list of running queries names this one
        String tag = "cutoff" + ProcessHandle.current().pid();
        String slow = db.isMysql() ? "SELECT SLEEP(3) AS " + tag : "SELECT pg_sleep(3) AS " + tag;
        CountDownLatch opened = new CountDownLatch(1);
        Connection[] readers = new Connection[1];
        Threads.Named reader = Threads.start("reader", () -> {
            Connection conn = DriverManager.getConnection(db.url);
            readers[0] = conn;
            try (PreparedStatement ps = conn.prepareStatement(slow)) {
                opened.countDown();
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            } catch (SQLException cutOff) {
                System.out.println("reader: " + cutOff.getClass().getSimpleName());
            }
        });
        opened.await();
        awaitRunning(db, slow);
        readers[0].close();
        reader.join();
        db.cleanUp();
        System.out.println("done");
    }

    /** Waits until the server runs {@code sql}: the reader is then inside executeQuery. */
    private static void awaitRunning(ScenarioDb db, String sql) throws Exception {
        String running = db.isMysql()
            ? "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO = ?"
            : "SELECT COUNT(*) FROM pg_stat_activity WHERE query = ? AND state = 'active'";
        try (Connection watcher = DriverManager.getConnection(db.url); PreparedStatement ps = watcher.prepareStatement(running)) {
            ps.setString(1, sql);
            Threads.await("the reader's query to run on the server", 30, () -> {
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getLong(1) > 0;
                }
            });
        }
    }
}
