package io.connguard.runtime;

/**
 * Use after close ({@code USE_AFTER_CLOSE}): a call on a closed connection, statement or result set.
 * The driver or the pool may well throw its own "closed" error (the application still gets it,
 * unchanged); what that error never says is where, when and by which thread the resource was
 * closed, which the finding names. A statement's close closes its result set and a connection's
 * its statements (JDBC), so those carry the close that closed them. An object handed out again
 * (pools, statement caches) starts a new life and is open again.
 *
 * <p>The close costs plain field stores: the closing thread always, the time for connections
 * (a close of one costs far more than a clock read), a stack only with {@code stacks=all}.
 */
final class UseAfterClose {
    private UseAfterClose() {}

    /**
     * Legal on a closed object: {@code close}, {@code isClosed}; {@code Connection.isValid} answers
     * false, {@code abort} does nothing; {@code unwrap} and {@code isWrapperFor} ({@code java.sql.Wrapper})
     * say nothing of a closed object (HikariCP answers them).
     */
    static boolean allowed(String method) {
        switch (method) {
            case "close":
            case "isClosed":
            case "isValid":
            case "abort":
            case "unwrap":
            case "isWrapperFor":
                return true;
            default:
                return false;
        }
    }

    /** {@code r} was closed (by the application's outermost close) by {@code closer}: marks it closed, after naming the closer. */
    static void closed(Resource r, ThreadState closer) {
        r.closedBy = closer;
        boolean full = Config.stacksAll;
        r.closedTime = full || r.resourceType == Resource.CONNECTION ? System.currentTimeMillis() : 0;
        r.closing = full ? new Throwable() : null;
        r.markClosed(); // after the closer's fields: a use that sees it closed sees who closed it
        closedWith(r.resultSets, r);
    }

    /** {@code r} closed because {@code parent} did: its statement, or its connection. */
    static void closedWith(Resource r, Resource parent) {
        if (r == null) return;
        if (r.resourceType != Resource.RESULT_SET) closedWith(r.resultSets, parent);
        if (r.closed) return;
        r.closedBy = parent.closedBy;
        r.closedTime = parent.closedTime;
        r.closing = parent.closing;
        r.markClosed();
    }

    /**
     * A call other than the legal ones on a closed resource; returns the finding's summary (strict
     * mode's message), or null when it is silent: a pool's own code calling it, or a pool's
     * physical connection.
     */
    static String used(Resource r, ThreadState s, String method, String sql) {
        if (allowed(method) || r.connection.poolManaged()) return null;
        StackTraceElement[] at = new Throwable().getStackTrace();
        if (InnerCalls.insideLastReported(s, r.connection, at) || Stacks.callerIsPool(at)) return null;
        return Findings.useAfterClose(r, s, method, sql, at);
    }
}
