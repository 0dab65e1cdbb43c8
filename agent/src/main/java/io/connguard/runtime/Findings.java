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
        Finding f = finding(kind, null, r, actor.info(), method, Stacks.trimmed(at), otherInfo, otherAt, Stacks.testOf(at), sql);
        return send(f) ? f.summary() : null;
    }

    static void leak(Resource r, String detectedBy, ThreadState actor, StackTraceElement[] actedAt) {
        send(finding(Finding.LEAK, detectedBy, r, actor == null ? null : actor.info(), null, actedAt, null, null, null, null));
    }

    /** {@code actor} borrowed again (its whole stack {@code borrowAt}) from the pool {@code held} came from. */
    static void nestedAcquire(Resource held, ThreadState actor, StackTraceElement[] borrowAt, String poolClass, String poolName) {
        send(finding(Finding.NESTED_ACQUIRE, held, actor.info(), "getConnection", Stacks.trimmed(borrowAt), Stacks.testOf(borrowAt),
            null, poolClass, poolName, null, null, 0));
    }

    /** {@code c} closed by {@code closer} at {@code closedAt} with uncommitted writes, the first of them {@code sql}. */
    static void transactionLeftOpen(Resource c, ThreadState closer, StackTraceElement[] closedAt, String sql) {
        send(finding(Finding.TRANSACTION_LEFT_OPEN, c, closer.info(), "close", closedAt, Stacks.testOf(closedAt), sql,
            null, null, null, null, 0));
    }

    /**
     * A call on {@code r} after it was closed; returns the one-line summary, strict mode's exception
     * message, or null when the finding was left out by the user's choice.
     */
    static String useAfterClose(Resource r, ThreadState actor, String method, String sql, StackTraceElement[] at) {
        ThreadState by = r.closedBy;
        Finding f = finding(Finding.USE_AFTER_CLOSE, r, actor.info(), method, Stacks.trimmed(at), Stacks.testOf(at), sql, null, null,
            by == null ? null : by.info(), r.closing == null ? null : Stacks.trimmed(r.closing.getStackTrace()), r.closedTime);
        return send(f) ? f.summary() : null;
    }

    static void closedAfterReport(Resource r) {
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

    private static Finding finding(String kind, String detectedBy, Resource r, ThreadInfo actor, String method,
                                   StackTraceElement[] actedAt, ThreadInfo otherActor, StackTraceElement[] otherActedAt,
                                   String test, String sql) {
        return finding(kind, detectedBy, r, actor, method, actedAt, otherActor, otherActedAt, test, sql, null, null, null, null, 0);
    }

    private static Finding finding(String kind, Resource r, ThreadInfo actor, String method, StackTraceElement[] actedAt,
                                   String test, String sql, String poolClass, String poolName, ThreadInfo closedBy,
                                   StackTraceElement[] closedAt, long closedTime) {
        return finding(kind, null, r, actor, method, actedAt, null, null, test, sql, poolClass, poolName, closedBy, closedAt, closedTime);
    }

    private static Finding finding(String kind, String detectedBy, Resource r, ThreadInfo actor, String method,
                                   StackTraceElement[] actedAt, ThreadInfo otherActor, StackTraceElement[] otherActedAt,
                                   String test, String sql, String poolClass, String poolName, ThreadInfo closedBy,
                                   StackTraceElement[] closedAt, long closedTime) {
        StackTraceElement[] opening = r.connectionFrames();
        String openedBy = Stacks.frameworkCaller(opening);
        return new Finding(kind, detectedBy, r.resourceTypeName(), r.className(), r.id(), r.connection.id(), r.owner.info(),
            actor, method, r.creationStack(), actedAt, otherActor, otherActedAt, r.connection.url, sql != null ? sql : r.sql(), test,
            r.createdInTest(), r == r.connection ? null : r.connection.creationStack(),
            openedBy, openedBy == null ? null : Stacks.applicationMethod(opening),
            poolClass, poolName, closedBy, closedAt, closedTime);
    }

    private static boolean send(Finding f) {
        FindingSink sink = Config.sink;
        return sink == null || sink.finding(f);
    }
}
