package io.connguard.runtime;

/**
 * Births and deaths of tracked resources, at the end of the outermost call that made them. An
 * object handed out again after it was closed (pools, statement caches, drivers reusing a result
 * set) starts a new life; one handed out while still open keeps the life it has.
 */
final class Lifecycle {
    private Lifecycle() {}

    static void opened(Tracked jdbc, ThreadState s, String url) {
        Resource existing = jdbc.connguard$resource();
        if (existing != null && !existing.closed) return;
        Stacks.Captured at = Stacks.capture();
        if (at.poolCaller) {
            jdbc.connguard$resource(null); // a pool's own physical connection: never the user's
            return;
        }
        s.refreshName();
        Resource r = Resource.connection(jdbc, s, at.frames, url);
        jdbc.connguard$resource(r);
        OpenResources.openedConnection(r);
    }

    static void handedOut(ThreadState s, Resource from, Object returned, String method, Object sql) {
        if (from == null || from.connection.wrapped) return;
        if ("closeOnCompletion".equals(method)) {
            from.closeOnCompletion = true;
            return;
        }
        if (!(returned instanceof Tracked)) return;
        Tracked child = (Tracked) returned;
        if ("getMetaData".equals(method)) {
            child.connguard$resource(from.connection); // using the metadata is using the connection
            return;
        }
        Resource existing = child.connguard$resource();
        if (existing != null && !existing.closed) return;
        StackTraceElement[] stack = Config.stacksAll ? Stacks.here() : null;
        int kind = kindMadeBy(method);
        if (kind == Resource.RESULT_SET) {
            if (sql instanceof String) from.sql = (String) sql; // executeQuery(sql) on a plain statement
            if (existing != null && existing.kind == Resource.RESULT_SET && existing.connection == from.connection) {
                existing.renew(from, s, stack);
            } else {
                child.connguard$resource(Resource.resultSet(returned.getClass(), from, s, stack));
            }
            return;
        }
        Resource statement = Resource.statement(returned, kind, from.connection, s, stack, sql instanceof String ? (String) sql : null);
        child.connguard$resource(statement);
        OpenResources.openedStatement(statement);
    }

    static void closed(Resource r, ThreadState closer) {
        if (r == null || r.closed) return;
        r.closed = true;
        if (r.heldReported) Findings.closedAfterReport(r);
        switch (r.kind) {
            case Resource.RESULT_SET:
                Resource statement = r.parent;
                if (statement != null && statement.closeOnCompletion && statement.isStatement()) closed(statement, closer);
                return;
            case Resource.CONNECTION:
                StackTraceElement[] at = null;
                for (Resource open : OpenResources.closedWithStatements(r)) {
                    open.closed = true;
                    if (r.wrapped || open.heldReported) continue;
                    if (at == null) at = Stacks.here();
                    Findings.leak(open, Finding.PARENT_CLOSED, closer, at);
                }
                return;
            default:
                OpenResources.closed(r);
        }
    }

    /** Seen driven by another tracked connection's call: a wrapped physical connection of a pool we did not know. */
    static void wrapped(Resource connection) {
        connection.wrapped = true;
        OpenResources.forget(connection);
    }

    private static int kindMadeBy(String method) {
        switch (method) {
            case "createStatement": return Resource.STATEMENT;
            case "prepareStatement": return Resource.PREPARED;
            case "prepareCall": return Resource.CALLABLE;
            default: return Resource.RESULT_SET;
        }
    }
}
