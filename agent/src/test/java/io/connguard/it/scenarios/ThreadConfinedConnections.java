package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Correct threading: four threads each open, use and close their own connection, at the same time;
 * then an executor runs tasks that each open, use and close a connection inside the task.
 */
public final class ThreadConfinedConnections {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "confined").createItems(50);

        List<Threads.Named> threads = new ArrayList<>();
        for (int t = 1; t <= 4; t++) {
            threads.add(Threads.start("own-connection-" + t, () -> {
                try (Connection c = DriverManager.getConnection(db.url)) {
                    for (int i = 1; i <= 20; i++) {
                        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM " + db.table + " WHERE id = ?")) {
                            ps.setInt(1, i);
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                            }
                        }
                    }
                }
            }));
        }
        for (Threads.Named t : threads) t.join();

        ExecutorService executor = Executors.newFixedThreadPool(3);
        List<Future<Integer>> results = new ArrayList<>();
        for (int task = 0; task < 12; task++) {
            results.add(executor.submit(() -> {
                try (Connection c = DriverManager.getConnection(db.url);
                     PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + db.table);
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }));
        }
        for (Future<Integer> f : results) {
            if (f.get() != 50) throw new IllegalStateException("wrong count");
        }
        executor.shutdown();
        executor.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);

        db.cleanUp();
        System.out.println("done");
    }
}
