package io.connguard.runtime;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;

/**
 * One daemon thread, off every application path: drains the queue of collected connections and,
 * ten times a second, looks for resources held too long, forgets owner threads that ended with
 * nothing open, and trims what open statements keep of their creation to one frame.
 */
final class LeakWatcher implements Runnable {
    static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();
    private static final long SWEEP_MILLIS = 100;

    private LeakWatcher() {}

    static void start() {
        Thread t = new Thread(new LeakWatcher(), "connguard-leak-watcher");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        long nextSweep = System.nanoTime();
        while (true) {
            try {
                Reference<?> ref = COLLECTED.remove(SWEEP_MILLIS);
                drain(ref);
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    OpenResources.forgetEndedOwners();
                    OpenResources.sweepHeld(now);
                    OpenResources.compactStatementStacks();
                    nextSweep = now + SWEEP_MILLIS * 1_000_000;
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                Findings.internalError(t);
            }
        }
    }

    static void drain(Reference<?> ref) {
        for (; ref != null; ref = COLLECTED.poll()) {
            OpenResources.collected(((ConnectionResource.Watch) ref).connection);
        }
    }
}
