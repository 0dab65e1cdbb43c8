package io.connguard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leak detections on open resources, driven directly: what an owner thread that ended left, what
 * is left at exit, a connection collected while open.
 * Each resource is reported once, by the detection that claimed it.
 */
class OpenResourcesTest {
    private static final String URL = "jdbc:test:orders";

    private CapturedFindings captured;
    private final String testThread = Thread.currentThread().getName();

    @BeforeEach
    void captureFindings() {
        captured = CapturedFindings.install();
    }

    @AfterEach
    void restoreTheRuntime() {
        assertEquals(List.of(), captured.internalErrors(), "connguard's own errors");
        captured.close();
    }

    @Test
    void whatAnEndedThreadLeftOpenIsItsLeakAtExit() throws Exception {
        TrackedObject connection = onThreadThatEnds("worker-1", () -> {
            TrackedObject c = TrackedObject.openConnection(URL);
            c.prepareStatement("select 1");
            return c;
        });

        OpenResources.forgetEndedOwners();
        assertEquals(List.of(), captured.described(), "while the JVM runs, another thread may still take it up");

        OpenResources.reportAtExit();
        // its statement is reported with it, as at the GC of the connection
        assertEquals(List.of("LEAK/OWNER_THREAD_ENDED Connection of worker-1 by worker-1",
            "LEAK/OWNER_THREAD_ENDED PreparedStatement of worker-1 by worker-1"), captured.described());
        assertEquals(connection.resource().id(), captured.findings().get(0).resourceId);
    }

    @Test
    void anEndedThreadsLeakIsReportedOnceWhateverFindsItAgain() throws Exception {
        TrackedObject connection = onThreadThatEnds("worker-1", () -> TrackedObject.openConnection(URL));
        OpenResources.collected(connection.resource().connection);
        OpenResources.reportAtExit();

        assertEquals(List.of("LEAK/OWNER_THREAD_ENDED Connection of worker-1 by worker-1"), captured.described());
    }

    @Test
    void aThreadThatClosedWhatItOpenedLeavesNothing() throws Exception {
        onThreadThatEnds("worker-1", () -> {
            TrackedObject c = TrackedObject.openConnection(URL);
            TrackedObject s = c.prepareStatement("select 1");
            s.close();
            c.close();
            return c;
        });
        OpenResources.forgetEndedOwners();
        OpenResources.reportAtExit();

        assertEquals(List.of(), captured.described());
    }

    /** The owner handed its connection on and ended: the thread that used it is the one to close it, or it is left at exit. */
    @Test
    void aConnectionAnotherThreadUsedIsNotItsEndedOwnersLeak() throws Exception {
        TrackedObject connection = onThreadThatEnds("worker-1", () -> TrackedObject.openConnection(URL));
        connection.use();
        assertEquals(List.of("CROSS_THREAD_USE Connection of worker-1 by " + testThread), captured.described());

        OpenResources.reportAtExit();
        assertEquals(List.of("CROSS_THREAD_USE Connection of worker-1 by " + testThread, "LEAK/EXIT Connection of worker-1"),
            captured.described());
    }

    /** However long after its owner ended another thread takes the connection up and closes it, it was no leak. */
    @Test
    void aConnectionTakenUpLongAfterItsOwnerEndedIsNoLeak() throws Exception {
        TrackedObject connection = onThreadThatEnds("worker-1", () -> TrackedObject.openConnection(URL));
        OpenResources.forgetEndedOwners(); // the watcher's sweeps meanwhile
        connection.use();
        connection.close();

        OpenResources.reportAtExit();
        assertEquals(List.of("CROSS_THREAD_USE Connection of worker-1 by " + testThread,
            "WRONG_THREAD_CLOSE Connection of worker-1 by " + testThread), captured.described());
    }

    /** A statement an ended thread left on another thread's connection is its leak, at the connection's close or at exit. */
    @Test
    void aStatementAnEndedThreadLeftOnAnotherThreadsConnectionIsItsLeak() throws Exception {
        TrackedObject connection = TrackedObject.openConnection(URL);
        onThreadThatEnds("worker-1", () -> connection.prepareStatement("select 1"));
        connection.close();

        assertEquals(List.of("CROSS_THREAD_USE Connection of " + testThread + " by worker-1",
            "LEAK/OWNER_THREAD_ENDED PreparedStatement of worker-1 by worker-1"), captured.described());
        OpenResources.reportAtExit();
        assertEquals(2, captured.described().size(), captured.described().toString());
    }

    /** ... and when that connection is still open at exit, with it. */
    @Test
    void aStatementAnEndedThreadLeftOnAConnectionOpenAtExitIsItsLeak() throws Exception {
        TrackedObject connection = TrackedObject.openConnection(URL);
        onThreadThatEnds("worker-1", () -> connection.prepareStatement("select 1"));
        OpenResources.reportAtExit();

        assertEquals(List.of("CROSS_THREAD_USE Connection of " + testThread + " by worker-1", "LEAK/EXIT Connection of " + testThread,
            "LEAK/OWNER_THREAD_ENDED PreparedStatement of worker-1 by worker-1"), captured.described());
    }

    /** At exit an ended thread's resources are its own leak, the rest are exit leaks, each reported once. */
    @Test
    void atExitEverythingStillOpenIsReportedOnce() throws Exception {
        TrackedObject held = TrackedObject.openConnection(URL);
        held.prepareStatement("select 1");
        onThreadThatEnds("worker-1", () -> TrackedObject.openConnection(URL));

        OpenResources.reportAtExit();
        OpenResources.reportAtExit();

        assertEquals(Set.of("LEAK/OWNER_THREAD_ENDED Connection of worker-1 by worker-1",
            "LEAK/EXIT Connection of " + testThread, "LEAK/EXIT PreparedStatement of " + testThread), Set.copyOf(captured.described()));
        assertEquals(3, captured.described().size(), captured.described().toString());
    }

    /** The launcher's main thread ending is the JVM exiting, not an owner leaving its connection behind. */
    @Test
    void whatTheLauncherThreadHoldsIsLeftAtExitNotByAnEndedOwner() throws Exception {
        AtomicReference<TrackedObject> connection = new AtomicReference<>();
        Thread launcher = new Thread(() -> connection.set(TrackedObject.openConnection(URL)), "launcher");
        Config.launcherThreadId = launcher.getId();
        launcher.start();
        launcher.join();
        OpenResources.forgetEndedOwners();
        assertEquals(List.of(), captured.described());

        OpenResources.reportAtExit();
        assertEquals(List.of("LEAK/EXIT Connection of launcher"), captured.described());
    }

    @Test
    void aConnectionCollectedWhileOpenIsAGcLeakReportedOnce() throws Exception {
        long id = openAndDrop();
        for (int i = 0; i < 100 && captured.findings().isEmpty(); i++) {
            System.gc();
            LeakWatcher.drain(LeakWatcher.COLLECTED.remove(100));
        }
        OpenResources.reportAtExit();

        assertEquals(List.of("LEAK/GC Connection of " + testThread), captured.described());
        assertEquals(id, captured.findings().get(0).resourceId);
    }

    /** Opens a connection and forgets it; returns its resource's id. */
    private static long openAndDrop() {
        return TrackedObject.openConnection(URL).resource().id();
    }

    /** Runs {@code work} on a new thread named {@code name}; returns its result once the thread has ended. */
    private static <T> T onThreadThatEnds(String name, Supplier<T> work) throws InterruptedException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(work.get());
            } catch (Throwable e) {
                failed.set(e);
            }
        }, name);
        t.start();
        t.join(TimeUnit.MINUTES.toMillis(1));
        assertTrue(!t.isAlive(), name + " still running");
        if (failed.get() != null) throw new AssertionError(name + " failed", failed.get());
        return result.get();
    }
}
