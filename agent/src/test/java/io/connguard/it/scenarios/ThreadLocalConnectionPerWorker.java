package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The seed bug: a connection per thread in a ThreadLocal, used by a fixed pool of three workers
 * ("worker-1".."worker-3") and by main, and a {@link #closeAll} that only closes the calling thread's
 * connection. When the pool shuts down, each worker's connection outlives its worker.
 *
 * <p>With the argument {@code fixed}, each task closes its own thread's connection in {@code finally}.
 * With {@code collect}, main collects garbage as soon as the workers are gone: their connections are
 * unreachable then, and the GC may find them before the agent's sweep notices that their owners ended.
 */
public final class ThreadLocalConnectionPerWorker {
    static String url;
    static final ThreadLocal<Connection> CONNECTION = ThreadLocal.withInitial(ThreadLocalConnectionPerWorker::open);

    static Connection open() {
        try {
            return DriverManager.getConnection(url);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static int countItems(String table) throws SQLException {
        try (Statement s = CONNECTION.get().createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** "Closes all connections" — but a ThreadLocal only ever shows the calling thread's. */
    static void closeAll() throws SQLException {
        CONNECTION.get().close();
        CONNECTION.remove();
    }

    public static void main(String[] args) throws Exception {
        boolean fixed = Arrays.asList(args).contains("fixed");
        boolean collect = Arrays.asList(args).contains("collect");
        ScenarioDb db = ScenarioDb.fromArgs(args, "threadlocal").createItems(10);
        url = db.url;

        AtomicInteger n = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(3, r -> new Thread(r, "worker-" + n.incrementAndGet()));
        CyclicBarrier allThreeWorking = new CyclicBarrier(3);
        List<Future<Integer>> counts = new ArrayList<>();
        for (int task = 0; task < 9; task++) {
            boolean first = task < 3;
            counts.add(workers.submit(() -> {
                if (first) allThreeWorking.await(10, TimeUnit.SECONDS); // every worker thread gets a connection
                try {
                    return countItems(db.table);
                } finally {
                    if (fixed) closeAll(); // on a worker, closeAll closes exactly this worker's connection
                }
            }));
        }
        for (Future<Integer> f : counts) {
            if (f.get() != 10) throw new IllegalStateException("wrong count");
        }
        System.out.println("main sees " + countItems(db.table) + " items");
        closeAll();
        workers.shutdown();
        if (!workers.awaitTermination(10, TimeUnit.SECONDS)) throw new IllegalStateException("workers did not end");
        if (collect) Threads.collectGarbage();
        Threads.sleep(1500); // the workers are gone; their connections are not (unless fixed)

        db.cleanUp();
        System.out.println("done");
    }
}
