package io.connguard.runtime;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open connection (in its owner's list) and statement (in its connection's list), and the
 * leak detections that walk them: resources held too long, collected ones, and what is left at
 * exit, by owner threads that ended and by the rest. Result sets are not here: their statement closes them.
 *
 * <p>A leaked connection is reported with the statements left open on it, whichever detection
 * finds it (see {@link #leakWithStatements}): the GC, the exit or an ended owner give one bug the
 * same findings.
 *
 * <p>The detections run one at a time, under this class's lock: a sweep claims a resource and then
 * reports it, and the exit report must not begin between the two, or the leak would be claimed
 * and never written. The lock is the watcher's and the exit's; application threads never take it.
 */
final class OpenResources {
    private static final Set<ThreadState> OWNERS = ConcurrentHashMap.newKeySet();

    private OpenResources() {}

    static void openedConnection(ConnectionResource c) {
        c.owner.connections.add(c);
        register(c.owner);
    }

    static void openedStatement(Resource s) {
        s.connection.children.add(s);
        register(s.owner);
    }

    private static void register(ThreadState s) {
        if (!s.registered) {
            s.registered = true;
            OWNERS.add(s);
        }
    }

    /**
     * {@code handoff=allow}: the family of {@code used} (its connection, the connection's open
     * statements, and {@code used} with the statement above it) now belongs to {@code to}, as if it
     * had opened them: an ended former owner left nothing behind, and the next thread is judged
     * against this one. Called while {@code to} is the only thread inside the family's calls.
     */
    static void handOff(Resource used, ThreadState to) {
        ConnectionResource c = used.connection;
        if (c.owner != to && c.owner.connections.remove(c)) to.connections.add(c);
        c.owner = to;
        for (Resource st : c.children.snapshot()) st.owner = to;
        for (Resource r = used; r != c; r = r.parent) r.owner = to;
        register(to);
    }

    /** A close the application made: no longer open, nothing to report. */
    static void closed(Resource r) {
        if (r.resourceType == Resource.CONNECTION) r.owner.connections.remove(r.connection);
        else r.connection.children.remove(r);
    }

    /** The connection closed: JDBC closed its statements; those the application left open are returned. */
    static List<Resource> closedWithStatements(ConnectionResource connection) {
        connection.owner.connections.remove(connection);
        return connection.children.removeAll();
    }

    /** A pool's physical connection, found out late: never the user's, never reported. */
    static void forget(ConnectionResource connection) {
        connection.owner.connections.remove(connection);
        connection.children.removeAll();
    }

    /**
     * A connection collected while open (statements are never enqueued, see {@link Resource#statement}).
     * If its owner had ended, that is the leak whether the GC or the exit comes first.
     */
    static synchronized void collected(ConnectionResource connection) {
        NestedBorrow.ended(connection, false);
        if (!connection.owner.connections.remove(connection)) return;
        if (connection.owner.hasEnded() && !connection.usedByOthers) {
            leakWithStatements(connection, Finding.OWNER_THREAD_ENDED, connection.owner);
        } else {
            leakWithStatements(connection, Finding.GC, null);
        }
    }

    /**
     * Owner threads that ended and hold nothing open any more are forgotten (a JVM may run millions
     * of short-lived threads); one that left something open is kept for the exit.
     */
    static void forgetEndedOwners() {
        for (Iterator<ThreadState> i = OWNERS.iterator(); i.hasNext(); ) {
            ThreadState s = i.next();
            if (s.connections.isEmpty() && s.hasEnded()) i.remove();
        }
    }

    /**
     * At exit: what owner threads that ended left open is their leak ({@code OWNER_THREAD_ENDED}),
     * except a resource another thread has used: that thread took it over (its use was reported as
     * cross-thread), and if nobody closed it, it is an exit leak. Not judged while the JVM runs: a
     * thread may hand its connection on and end, and the thread it went to may take it up however
     * much later. A connection the GC collects after its owner ended is found then ({@link #collected}).
     */
    private static void reportEndedOwners() {
        List<ConnectionResource> leaked = new ArrayList<>();
        for (ThreadState s : OWNERS) {
            if (!s.hasEnded()) continue;
            for (ConnectionResource c : s.connections.snapshot()) {
                if (!c.usedByOthers && s.connections.remove(c)) leaked.add(c);
            }
        }
        for (ConnectionResource c : leaked) leakWithStatements(c, Finding.OWNER_THREAD_ENDED, c.owner);
    }

    /** Waits for the sweep that reported it to finish: the close line follows its finding line. */
    static synchronized void closedAfterReport(ConnectionResource r) {
        Findings.closedAfterReport(r);
    }

    /**
     * Statements open across a sweep keep their creating line, not their creation stack (see
     * {@link Resource#createdAt}): what an unclosed statement costs is then one frame, whatever the
     * depth of the stack that made it.
     */
    static void compactStatementStacks() {
        for (ThreadState s : OWNERS) {
            for (ConnectionResource c : s.connections.snapshot()) {
                for (Resource st : c.children.snapshot()) st.creationFrame();
            }
        }
    }

    /**
     * Connections held longer than the threshold, each reported once. All of one sweep are marked
     * before the first is written: a close that follows the report's line is a close after the
     * report ({@link #closedAfterReport}) for every connection that line stands for.
     */
    static synchronized void sweepHeld(long now) {
        long threshold = Config.leakThresholdNanos;
        if (threshold <= 0) return;
        List<ConnectionResource> held = new ArrayList<>();
        for (ThreadState s : OWNERS) {
            for (ConnectionResource c : s.connections.snapshot()) {
                if (c.heldReported || c.heldNanos(now) <= threshold) continue;
                if (c.poolManaged()) {
                    forget(c); // held for as long as the pool likes
                } else {
                    c.heldReported = true;
                    held.add(c);
                }
            }
        }
        for (ConnectionResource c : held) Findings.leak(c, Finding.HELD_TOO_LONG, null, null);
    }

    /**
     * At exit: what ended threads left is theirs; everything else still open is an exit leak. Waits
     * for a sweep in progress to finish reporting.
     */
    static synchronized void reportAtExit() {
        for (ThreadState s : OWNERS) {
            for (ConnectionResource c : s.connections.snapshot()) NestedBorrow.ended(c, true);
        }
        reportEndedOwners();
        for (ThreadState s : OWNERS) {
            for (ConnectionResource c : s.connections.removeAll()) leakWithStatements(c, Finding.EXIT, null);
        }
    }

    /**
     * A leaked connection, then each statement left open on it: a leak of its own (left open when
     * the connection closed it would be {@code PARENT_CLOSED}), with the connection's detection, so
     * that a statement's report never depends on when the GC ran. One whose owner ended and that no
     * other thread used is that owner's {@code OWNER_THREAD_ENDED}, as it would be at the
     * connection's close. A statement made at the line that opened the connection (a framework's
     * lazy cursor, which borrows and prepares in one call) is not reported: one line to change,
     * one finding.
     */
    private static void leakWithStatements(ConnectionResource c, String detectedBy, ThreadState actor) {
        leak(c, detectedBy, actor);
        List<Resource> open = c.children.removeAll();
        if (open.isEmpty()) return;
        StackTraceElement opened = firstFrame(c.creationStack());
        for (Resource st : open) {
            if (opened != null && opened.equals(firstFrame(st.creationStack()))) continue;
            if (st.owner.hasEnded() && !st.usedByOthers) leak(st, Finding.OWNER_THREAD_ENDED, st.owner);
            else leak(st, detectedBy, actor);
        }
    }

    private static StackTraceElement firstFrame(StackTraceElement[] stack) {
        return stack.length == 0 ? null : stack[0];
    }

    /**
     * Never a pool's own connection or its statements. One reported {@code HELD_TOO_LONG} that is
     * still open at the end is that leak too: a slow holder's finding must not hide a never-closed one.
     */
    private static void leak(Resource r, String detectedBy, ThreadState actor) {
        if (!r.connection.poolManaged()) Findings.leak(r, detectedBy, actor, null);
    }
}
