package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Work moved between threads in sequence, as Vert.x worker pools, Kotlin coroutines and Reactor's
 * {@code subscribeOn} move it: main opens a connection and prepares a statement; the stages of a
 * CompletableFuture chain on a two-thread executor ("stage-1", "stage-2") run the statement one
 * after the other, each starting when the one before has returned; main runs it again; a last stage
 * closes statement and connection. Never two threads inside the connection's calls at once.
 * {@code HandOffsThroughAnExecutor close|leak}: with {@code leak} the last stage closes only the
 * statement. The executor's threads end before main does.
 */
public final class HandOffsThroughAnExecutor {
    public static void main(String[] args) throws Exception {
        boolean leak = args[0].equals("leak");
        ScenarioDb db = ScenarioDb.fromArgs(args, "handoffs").createItems(10);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> new Thread(r, "stage-" + threads.incrementAndGet()));

        Connection conn = DriverManager.getConnection(db.url);
        PreparedStatement ps = conn.prepareStatement("SELECT name FROM " + db.table + " WHERE id = ?");
        int total = CompletableFuture.supplyAsync(() -> nameLength(ps, 1), executor)
                .thenApplyAsync(n -> n + nameLength(ps, 2), executor)
                .thenApplyAsync(n -> n + nameLength(ps, 3), executor)
                .get();
        total += nameLength(ps, 4);
        CompletableFuture.runAsync(() -> {
            try {
                ps.close();
                if (!leak) conn.close();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, executor).get();
        executor.shutdown();
        executor.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        System.out.println("name lengths " + total);
        db.cleanUp();
        System.out.println("done");
    }

    static int nameLength(PreparedStatement ps, int id) {
        try {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1).length() : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
