package io.connguard.sample.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A fixed pool of worker threads that ends with its try block: {@link #close()} shuts it down and
 * waits, so every worker thread has terminated when the block is left. Some findings depend on
 * exactly when that happens (a connection whose owner thread ended is a leak).
 */
final class Workers implements AutoCloseable {
    private final ExecutorService executor;

    private Workers(int threads) {
        executor = Executors.newFixedThreadPool(threads);
    }

    static Workers start(int threads) {
        return new Workers(threads);
    }

    <T> Future<T> submit(Callable<T> task) {
        return executor.submit(task);
    }

    /** Runs {@code task} {@code times} times across the pool and waits for all of them; a failure is rethrown. */
    void runAndWait(int times, Callable<?> task) throws Exception {
        List<Future<?>> runs = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            runs.add(executor.submit(task));
        }
        for (Future<?> run : runs) {
            run.get();
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("worker threads still running a minute after shutdown");
        }
    }
}
