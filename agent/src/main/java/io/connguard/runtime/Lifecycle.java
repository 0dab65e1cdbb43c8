package io.connguard.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Births and deaths of tracked resources, at the end of the outermost call that made them. An
 * object handed out again after it was closed (pools, statement caches, drivers reusing a result
 * set) starts a new life; one handed out while still open keeps the life it has.
 */
final class Lifecycle {
    private Lifecycle() {}

    /**
     * Every outermost open makes a resource, a pool's own physical connections too: whether a pool
     * opened it is asked only when it would be reported (see {@link Resource#poolManaged}).
     * {@code autoCommit}: the mode the open set, null if it set none; {@code lent}: the open went
     * through a pool or a {@code PooledConnection} ({@link ConnectionResource#lent}). An object a
     * pool lends again while another thread is still inside its {@code close()} was given back by
     * that close, which the pool already lent on (MariaDB Connector/J's pool lends its physical
     * connection itself, and its {@code close()} puts it in the idle queue before it returns): the
     * new life starts now, and that close ends the old one ({@link Guard#exitClose}). Handed out by
     * anything else, the object being closed is one the closing thread shares with this one: its
     * life goes on, and a use after that close is one.
     */
    static void opened(Object jdbc, ThreadState s, String url, Boolean autoCommit, boolean lent) {
        Resource existing = States.get(jdbc);
        if (existing != null && !existing.closed && !(lent && beingClosedByAnother(existing.connection, s))) {
            if (!existing.connection.poolManaged()) return;
            OpenResources.forget(existing.connection); // a pool's connection handed out as it is: the user's from now on
        }
        s.refreshName();
        ConnectionResource r = Resource.connection(jdbc, s, new Throwable(), url);
        r.lent = lent;
        if (autoCommit != null) Transactions.autoCommitSet(r, autoCommit, false); // just opened: nothing to commit
        States.set(jdbc, r);
        OpenResources.openedConnection(r);
    }

    /**
     * Whether a thread other than {@code s} is inside an outermost {@code close()} of {@code c}'s
     * family (it holds the family's slot, which it took after it wrote what its call is). A thread
     * that closes while another is inside a call holds no slot: not seen, and the object keeps its life.
     */
    private static boolean beingClosedByAnother(ConnectionResource c, ThreadState s) {
        ThreadState inside = c.active();
        return inside != null && inside != s && inside.outerIsClose && inside.outer == c;
    }

    /** An open nested in the outermost open on {@code s} returned {@code connection}. */
    static void openedInside(ThreadState s, Object connection) {
        if (s.openedInside == null) s.openedInside = new ArrayList<>(2);
        s.openedInside.add(connection);
    }

    /**
     * The outermost open on {@code s} returned {@code returned} (null if it threw or returned
     * none), with {@code url}: the connections opened inside it that it did not return are the
     * physical connections of the pool (or data source) it went through, kept by it. Each is
     * tracked as {@link ConnectionResource#wrapped} (never checked, never reported; it takes no
     * stack) only so that the pool's connections over it are seen driving it
     * ({@link ConnectionResource#drives}), as those a pool opens on threads of its own are, and
     * takes {@code autoCommit}, the mode the open set (null: none), which later borrows of it
     * learn ({@link #wraps}).
     */
    static void physicalsOpened(ThreadState s, Object returned, String url, Boolean autoCommit) {
        List<Object> opened = s.openedInside;
        s.openedInside = null;
        for (Object physical : opened) {
            if (physical == returned) continue;
            Resource existing = States.get(physical);
            if (existing != null && !existing.closed) continue;
            ConnectionResource r = Resource.connection(physical, s, null, url);
            r.openedInside = true;
            r.wrapped = true;
            if (autoCommit != null) Transactions.autoCommitSet(r, autoCommit, false); // just opened: nothing to commit
            States.set(physical, r);
        }
    }

    static void handedOut(ThreadState s, Resource from, Object returned, String method, Object sql) {
        if (from == null || from.connection.wrapped) return;
        if (from.released()) {
            // what a closed statement or connection still hands out (sqlite-jdbc's generated keys) is
            // part of that use after close, reported at the call that made it
            if (returned != null) handedOutReleased(s, from, returned, method);
            return;
        }
        if ("closeOnCompletion".equals(method)) {
            from.closeOnCompletion = true;
            return;
        }
        if (returned == null) return;
        if ("getMetaData".equals(method)) {
            States.set(returned, from.connection); // using the metadata is using the connection
            return;
        }
        Resource existing = States.get(returned);
        if (existing != null && !existing.closed) return;
        Throwable creation = Config.stacksAll ? new Throwable() : null;
        int resourceType = resourceTypeMadeBy(method);
        if (resourceType == Resource.RESULT_SET) {
            States.set(returned, resultSetState(from, method, returned, existing, s, creation));
            if (method.equals("executeQuery")) Transactions.queried(from); // not getGeneratedKeys, which may come after the commit
            return;
        }
        Resource statement = Resource.statement(returned.getClass(), resourceType, from.connection, s, creation, sql instanceof String ? (String) sql : null);
        if (creation == null) statement.createdAt = creatingLine(s);
        States.set(returned, statement);
        OpenResources.openedStatement(statement);
    }

    /**
     * A result set object handed out again (sqlite-jdbc's one per statement) by {@code from},
     * which another thread closed while the call ran: its state is still its previous life's,
     * which the driver's own close inside this call ended, naming this thread and this call. It
     * begins its new life released with {@code from}, so that a use of it names the close that
     * released it ({@link Resource#closedThrough}). A result set object not seen before stays
     * untracked.
     */
    private static void handedOutReleased(ThreadState s, Resource from, Object returned, String method) {
        if ("getMetaData".equals(method) || resourceTypeMadeBy(method) != Resource.RESULT_SET) return; // sqlite-jdbc's is the result set itself
        Resource existing = States.get(returned);
        if (existing != null && existing.resourceType == Resource.RESULT_SET && existing.closed) {
            existing.renew(from, s, Config.stacksAll ? new Throwable() : null);
        }
    }

    /**
     * What a statement made by the outermost call on {@code s} keeps of where it was made, so that
     * its finding names the line that made it, not its connection's: the site of the application's
     * call ({@link CallSites}), else the stack, read only if a report needs it.
     */
    private static Object creatingLine(ThreadState s) {
        StackTraceElement site = CallSites.frame(s.outerSite);
        return site != null ? site : new Throwable();
    }

    /**
     * The state of a result set {@code from} (a statement, or the connection for metadata) handed
     * out: {@code existing}, the closed state of the same object handed out again (sqlite-jdbc
     * keeps one result set object per statement), renewed; else a new one, for the driver's new
     * object. Every execution of a statement closes its current result set (JDBC,
     * {@code Statement}): one still open keeps its state, closed, so a later read of it is a use
     * after close. Metadata calls and {@code getMoreResults(KEEP_CURRENT_RESULT)} may leave several
     * open together, each with its own state; a statement's or connection's close releases them
     * all ({@link Resource#released}).
     */
    private static Resource resultSetState(Resource from, String method, Object returned, Resource existing, ThreadState s, Throwable creation) {
        if (from.isStatement() && method.equals("executeQuery")) closedByItsStatement(from, s);
        Resource state;
        if (existing != null && existing.resourceType == Resource.RESULT_SET) {
            state = existing;
            state.renew(from, s, creation);
        } else {
            state = Resource.resultSet(returned.getClass(), from, s, creation);
        }
        // generated keys are no current result set: sqlite-jdbc keeps them open across the next query
        if (!method.equals("getGeneratedKeys")) from.resultSets = state;
        return state;
    }

    /**
     * {@code statement} (null: untracked; a result set's row change: nothing) ran again or moved
     * to its next result, on {@code s}: its current result set, if still open, is closed (JDBC,
     * {@code Statement}), and keeps that state, so a later read of it is a use after close. That
     * close closes nothing else, not even a statement under {@code closeOnCompletion}: the
     * statement is busy with its next result.
     */
    static void closedByItsStatement(Resource statement, ThreadState s) {
        Resource current = statement == null || !statement.isStatement() ? null : statement.resultSets;
        if (current == null || current.closed) return;
        UseAfterClose.closed(current, s);
    }

    static void closed(Resource r, ThreadState closer) {
        if (r == null || r.closed) return;
        UseAfterClose.closed(r, closer);
        if (r.heldReported) OpenResources.closedAfterReport(r.connection); // only connections are held too long
        switch (r.resourceType) {
            case Resource.RESULT_SET:
                Resource statement = r.parent;
                if (statement != null && statement.closeOnCompletion && statement.isStatement()) closed(statement, closer);
                return;
            case Resource.CONNECTION:
                NestedBorrow.ended(r.connection, false);
                Transactions.closing(r.connection, closer);
                StackTraceElement[] at = null;
                for (Resource open : OpenResources.closedWithStatements(r.connection)) {
                    UseAfterClose.closedWith(open, r);
                    if (open.heldReported || r.connection.poolManaged()) continue;
                    if (open.owner != closer) {
                        // a thread that ended left it open; a living one's was cut off by this
                        // close, which is that misuse (WRONG_THREAD_CLOSE), reported on its own
                        if (open.owner.hasEnded() && !open.usedByOthers) Findings.leak(open, Finding.OWNER_THREAD_ENDED, open.owner, null);
                        continue;
                    }
                    if (at == null) at = Stacks.here();
                    Findings.leak(open, Finding.PARENT_CLOSED, closer, at);
                }
                return;
            default:
                OpenResources.closed(r);
        }
    }

    /**
     * A call of {@code inner}'s family is made inside a call of {@code outer}'s. Outer drives inner:
     * inner is a pool's physical connection (of a pool we may not know), and outer the application's
     * connection over it, which takes from it what its own open did not tell: the URL (a pool given
     * a data source object instead of a URL) and, unless outer's own {@code setAutoCommit} said
     * otherwise, the auto-commit mode the pool keeps its connections in (HikariCP's
     * {@code autoCommit=false}, or the one SQL left the session in at an earlier borrow; from a
     * connection tracked only as opened inside, only a mode a call or SQL set on it). The first
     * connection outer is seen driving is the one it {@link ConnectionResource#drives};
     * {@code depth}: the call depth of inner's call. Unless the database called back the
     * application's code while it ran outer's call, and that code used another connection of the
     * application's ({@link #calledBack}): then outer drives nothing, and inner stays the
     * application's.
     */
    static void wraps(ConnectionResource outer, ConnectionResource inner, int depth) {
        if (!inner.wrapped) {
            if (calledBack(outer, inner)) return;
            inner.wrapped = true;
            OpenResources.forget(inner);
        }
        ConnectionResource first = outer.drives;
        if (first == null) {
            outer.drives = inner;
            outer.drivesDepth = depth;
        } else if (first.openedInside && first != inner && first.drives == null && depth > outer.drivesDepth) {
            first.drives = inner; // called deeper in the same call: what the first stands for (a wrapper's pool connection)
        }
        if (inner.openedInside) {
            // a connection deeper down may know more; but a mode set on this one is its session's
            if (!outer.autoCommitSet && inner.autoCommitSet) outer.manualCommit = inner.manualCommit;
            return;
        }
        if (outer.wraps) return;
        outer.wraps = true;
        if (outer.url == null) outer.url = inner.url;
        if (!outer.autoCommitSet) outer.manualCommit = inner.manualCommit;
    }

    /**
     * Whether inner, called inside a call of outer's family, was called by code the database called
     * back (an H2 or SQLite user-defined function, a trigger, using another connection of the same
     * driver): inner is of the class of outer's connection, or of the connection outer already
     * drives. A wrapper's connection (a pool's proxy, a framework's or the application's wrapper) is
     * never of the class of the connection it wraps, and a pool's connections are all of one class.
     * A callback that uses a connection of another driver is taken for a wrapper's call.
     */
    private static boolean calledBack(ConnectionResource outer, ConnectionResource inner) {
        if (inner.jdbcClass == outer.jdbcClass) return true;
        ConnectionResource driven = outer.drives;
        return driven != null && driven != inner && inner.jdbcClass == driven.jdbcClass;
    }

    private static int resourceTypeMadeBy(String method) {
        switch (method) {
            case "createStatement": return Resource.STATEMENT;
            case "prepareStatement": return Resource.PREPARED;
            case "prepareCall": return Resource.CALLABLE;
            default: return Resource.RESULT_SET;
        }
    }
}
