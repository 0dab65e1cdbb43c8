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
        String slow = db.isMysql() ? "SELECT SLEEP(3)" : "SELECT pg_sleep(3)";
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
        Thread.sleep(300); // the reader is inside executeQuery by now (the story holds either way)
        readers[0].close();
        reader.join();
        db.cleanUp();
        System.out.println("done");
    }
}
