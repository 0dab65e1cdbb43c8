package io.connguard.it.scenarios;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.concurrent.atomic.AtomicReference;

/** Named threads for scenarios; a failure inside one fails the scenario (non-zero exit). */
public final class Threads {
    private Threads() {}

    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** A started thread whose failure {@link #join} rethrows. */
    public static final class Named {
        final Thread thread;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Named(String name, boolean daemon, Body body) {
            thread = new Thread(() -> {
                try {
                    body.run();
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, name);
            thread.setDaemon(daemon);
        }

        public void join() throws Exception {
            thread.join();
            Throwable t = failure.get();
            if (t != null) throw new IllegalStateException("thread \"" + thread.getName() + "\" failed", t);
        }
    }

    public static Named start(String name, Body body) {
        Named n = new Named(name, false, body);
        n.thread.start();
        return n;
    }

    public static Named startDaemon(String name, Body body) {
        Named n = new Named(name, true, body);
        n.thread.start();
        return n;
    }

    /** Runs {@code body} on a new thread called {@code name} and waits for it. */
    public static void run(String name, Body body) throws Exception {
        start(name, body).join();
    }

    /** What {@link #await} waits for; it may query a database or read a file. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Waits until {@code condition} holds, asking it again every 20 ms: a wait for something
     * outside the JVM to happen (a query running on the server, a line in the report). The bound
     * only ends a wait that would never end; then it throws, naming {@code what} was awaited.
     */
    public static void await(String what, long boundSeconds, Condition condition) throws Exception {
        long until = System.nanoTime() + boundSeconds * 1_000_000_000L;
        while (!condition.holds()) {
            if (System.nanoTime() > until) throw new IllegalStateException("waited " + boundSeconds + " s in vain for " + what);
            Thread.sleep(20);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Collects garbage until the JVM has enqueued {@code reference} on {@code queue} (its referent
     * collected): a wait for the condition, however busy the machine.
     */
    public static void collectUntilEnqueued(ReferenceQueue<?> queue, Reference<?> reference) throws InterruptedException {
        while (queue.remove(20) != reference) System.gc();
    }

    /** Collects garbage a few times, with short pauses so reference processing and the agent can keep up. */
    public static void collectGarbage() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            sleep(100);
        }
    }
}
