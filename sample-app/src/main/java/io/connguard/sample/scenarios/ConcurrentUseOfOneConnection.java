package io.connguard.sample.scenarios;

import io.connguard.sample.Database;
import io.connguard.sample.Scenario;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;

/**
 * The bug: two threads inside one connection at once. Main runs a slow query while a worker starts
 * a write through the same connection. Depending on the driver the calls are serialized, interleaved
 * on the wire, or corrupt each other's state; and neither thread knows what transaction it is in.
 * connguard: CONCURRENT_USE of the Connection at the worker's {@code createStatement}, and
 * CROSS_THREAD_USE there too because the worker is not its owner.
 */
public final class ConcurrentUseOfOneConnection implements Scenario {

    @Override
    public String name() {
        return "concurrent-use";
    }

    @Override
    public String description() {
        return "a worker calls into a connection while main is inside a slow query on it";
    }

    @Override
    public String expectedFinding() {
        return "CONCURRENT_USE and CROSS_THREAD_USE of the Connection";
    }

    @Override
    public void run(Database db) throws Exception {
        Thread main = Thread.currentThread();
        CountDownLatch queryReturned = new CountDownLatch(1);
        try (Workers worker = Workers.start(1); Connection connection = db.open()) {
            Future<Integer> write = worker.submit(() -> {
                awaitInside(main, "executeQuery");
                try (Statement insert = connection.createStatement()) {
                    // the rest waits for main's query to return and main waits for the rest:
                    // exactly one overlap, where a driver lock would otherwise decide how many
                    queryReturned.await();
                    return insert.executeUpdate("INSERT INTO concurrent_use (n) VALUES (1)");
                }
            });
            try (Statement query = connection.createStatement();
                 ResultSet count = query.executeQuery(db.slowQuery())) {
                queryReturned.countDown();
                write.get();
                count.next();
            }
        }
    }

    /**
     * Returns once {@code thread} is inside a call to {@code method}. A latch counted down before the
     * call could only say "about to call"; seeing the frame makes the overlap certain.
     */
    private static void awaitInside(Thread thread, String method) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (Arrays.stream(thread.getStackTrace()).noneMatch(frame -> frame.getMethodName().equals(method))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(thread.getName() + " did not enter " + method + " within 10 s");
            }
            Thread.sleep(1);
        }
    }
}
