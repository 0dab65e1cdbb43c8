package io.connguard.it.scenarios;

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

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Collects garbage a few times, with short pauses so reference processing and the agent can keep up. */
    public static void collectGarbage() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            sleep(100);
        }
    }
}
