package io.connguard.runtime;

/** Turns what the runtime saw into {@link Finding}s for the sink. */
final class Findings {
    private Findings() {}

    /**
     * A misuse by {@code actor}, whose whole stack is {@code at}; returns the one-line summary,
     * strict mode's exception message, or null when the finding was left out by the user's choice. {@code sql} is the SQL the call passed, if any; otherwise
     * the resource's own is shown.
     */
    static String use(String kind, Resource r, ThreadState actor, String method, String sql, StackTraceElement[] at,
                      ThreadState other) {
        ThreadInfo otherInfo = null;
        StackTraceElement[] otherAt = null;
        if (other != null) {
            otherInfo = other.info();
            otherAt = Stacks.of(other.thread());
            // taken while the other thread runs on: it shows the call only if the thread is still inside it now
            if (r.connection.active() != other) otherAt = null;
        }
        Finding f = on(kind, r, sql).actor(actor.info()).method(method).actedAt(Stacks.trimmed(at)).otherActor(otherInfo)
            .otherActedAt(otherAt).test(Stacks.testOf(at)).build();
        return send(f) ? f.summary() : null;
    }

    static void leak(Resource r, String detectedBy, ThreadState actor, StackTraceElement[] actedAt) {
        if (r.madeInsideJdbcCall()) return; // the driver's own, see Stacks.madeInsideJdbcCall
        send(on(Finding.LEAK, r, null).detectedBy(detectedBy).actor(actor == null ? null : actor.info()).actedAt(actedAt).build());
    }

    /** {@code actor} borrowed again (its whole stack {@code borrowAt}) from the pool {@code held} came from. */
    static void nestedAcquire(Resource held, ThreadState actor, StackTraceElement[] borrowAt, String poolClass, String poolName) {
        send(on(Finding.NESTED_ACQUIRE, held, null).actor(actor.info()).method("getConnection").actedAt(Stacks.trimmed(borrowAt))
            .test(Stacks.testOf(borrowAt)).poolClass(poolClass).poolName(poolName).build());
    }

    /** {@code c} closed by {@code closer} at {@code closedAt} with uncommitted writes, the first of them {@code sql}. */
    static void transactionLeftOpen(Resource c, ThreadState closer, StackTraceElement[] closedAt, String sql) {
        send(on(Finding.TRANSACTION_LEFT_OPEN, c, sql).actor(closer.info()).method("close").actedAt(closedAt)
            .test(Stacks.testOf(closedAt)).build());
    }

    /**
     * A call on {@code r} after it was closed; returns the one-line summary, strict mode's exception
     * message, or null when the finding was left out by the user's choice.
     */
    static String useAfterClose(Resource r, ThreadState actor, String method, String sql, StackTraceElement[] at) {
        Resource closer = r.closedThrough();
        ThreadState by = closer.closedBy;
        Finding f = on(Finding.USE_AFTER_CLOSE, r, sql).actor(actor.info()).method(method).actedAt(Stacks.trimmed(at))
            .test(Stacks.testOf(at)).closedBy(by == null ? null : by.info())
            .closedAt(closer.closing == null ? null : Stacks.trimmed(closer.closing.getStackTrace())).closedTime(closer.closedTime).build();
        return send(f) ? f.summary() : null;
    }

    static void closedAfterReport(ConnectionResource r) {
        FindingSink sink = Config.sink;
        if (sink != null) sink.closedAfterReport(r.id(), r.heldNanos(System.nanoTime()) / 1_000_000, Stacks.here());
    }

    static void internalError(Throwable t) {
        FindingSink sink = Config.sink;
        if (sink != null) {
            try {
                sink.internalError(t);
            } catch (Throwable ignored) {
                // the sink itself failing must not reach the application either
            }
        }
    }

    /**
     * A finding of {@code kind} on {@code r} with what the resource itself tells: its type, ids,
     * owner, creation, connection and URL, and {@code sql} (the call's) or else its own SQL.
     */
    private static Finding.Builder on(String kind, Resource r, String sql) {
        StackTraceElement[] opening = r.connectionFrames();
        String openedBy = Stacks.frameworkCaller(opening);
        return Finding.builder(kind).resource(r.resourceTypeName()).resourceClass(r.className()).resourceId(r.id())
            .connectionId(r.connection.id()).owner(r.owner.info()).createdAt(r.creationStack()).url(r.connection.url)
            .sql(sql != null ? sql : r.sql()).createdInTest(r.createdInTest())
            .connectionCreatedAt(r == r.connection ? null : r.connection.creationStack())
            .openedBy(openedBy).openedFor(openedBy == null ? null : Stacks.applicationMethod(opening));
    }

    private static boolean send(Finding f) {
        FindingSink sink = Config.sink;
        return sink == null || sink.finding(f);
    }
}
