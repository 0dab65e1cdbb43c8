package io.connguard.it.scenarios;

import com.example.wrapper.TimedPool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A pool of the application's own ({@link TimedPool}) lends H2 connections inside a wrapper class
 * whose calls go through a helper; workers borrow, write, commit or roll back, and close; then
 * thread "housekeeper" checks and closes the physical connections. All correct: the physical
 * connections are the pool's, driven by its wrapper, and nothing is a finding.
 */
public final class AppWrapperCallsThroughAHelper {
    private AppWrapperCallsThroughAHelper() {}

    public static void main(String[] args) throws Exception {
        TimedPool pool = new TimedPool("jdbc:h2:mem:timed-pool;DB_CLOSE_DELAY=-1", 2);
        try (Connection a = pool.getConnection(); Connection b = pool.getConnection();
             Statement s = a.createStatement(); Statement t = b.createStatement()) {
            s.execute("CREATE TABLE ITEMS (ID INT)");
            try (ResultSet rs = t.executeQuery("SELECT COUNT(*) FROM ITEMS")) {
                rs.next();
            }
        }
        ExecutorService workers = Executors.newFixedThreadPool(2);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int id = i;
            done.add(workers.submit(() -> {
                try (Connection c = pool.getConnection()) {
                    c.setAutoCommit(false);
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO ITEMS VALUES (?)")) {
                        p.setInt(1, id);
                        p.executeUpdate();
                    }
                    if (id % 2 == 0) c.commit();
                    else c.rollback();
                }
                return null;
            }));
        }
        for (Future<?> f : done) f.get();
        workers.shutdown();
        Thread housekeeper = new Thread(() -> {
            try {
                pool.retire();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "housekeeper");
        housekeeper.start();
        housekeeper.join();
        System.out.println("done");
    }
}
