package io.connguard.runtime;

/**
 * What the hooks in JDBC classes call. The common case (the owner's outermost call, nobody else
 * inside the family) is a field read, a depth increment and one uncontended CAS; stacks are taken
 * only when something is wrong.
 *
 * <p>Enter methods return a token for the matching exit: the thread's state, or null for an
 * untracked object. An exit's first parameter is how the call ended, as the hook finds it on the
 * stack at the return. Nothing here throws into the application but strict mode's refusal of a
 * call (a {@code java.sql.SQLException} from an enter method, instead of the call); connguard's own
 * errors are counted and reported ({@link Findings#internalError}).
 */
public final class Guard {
    private Guard() {}

    // --- calls on connections, statements, result sets and database metadata

    /**
     * Before a call ({@code method}: its name) on a tracked JDBC object: checks who calls and
     * returns the token for the matching exit, null for an untracked object. Throws strict mode's
     * {@code SQLException} instead of a call it refuses.
     */
    public static Object enter(Object self, String method) {
        return enter(self, method, false);
    }

    /**
     * A call that carries SQL ({@code prepareStatement(sql)}, {@code execute(sql)}, ...): a finding
     * on it shows that SQL, and a plain statement learns its SQL as it runs.
     */
    public static Object enterSql(Object self, String method, Object sql) {
        Object token;
        try {
            Resource r = States.get(self);
            if (r == null) return null;
            String text = sql instanceof String ? (String) sql : null;
            token = begin(r, method, text, false);
            if (text != null && r.isStatement() && token instanceof ThreadState && ((ThreadState) token).depth == 1) r.sql = text;
        } catch (Throwable t) {
            return failed(t);
        }
        return Refusal.unless(token);
    }

    /**
     * Before a call of a connection's {@code createStatement}, {@code prepareStatement} or
     * {@code prepareCall} ({@code sql} its SQL, null for {@code createStatement}): as
     * {@link #enterSql}, and it takes the site the application's code passed just before the call
     * ({@link CallSites#at}), whatever the object, so that no later call finds it. If this is the
     * outermost call, the statement it makes is made at that site.
     */
    public static Object enterMaker(Object self, String method, Object sql) {
        int site;
        try {
            site = CallSites.take();
        } catch (Throwable t) {
            return failed(t);
        }
        Object token = enterSql(self, method, sql);
        if (token instanceof ThreadState && ((ThreadState) token).depth == 1) ((ThreadState) token).outerSite = site;
        return token;
    }

    /**
     * Before a column or parameter accessor ({@code getInt}, {@code setString}, {@code wasNull}):
     * there is no exit call. The owner's call, with the resource open and no other thread inside
     * its family, costs a few field reads and comparisons; any other is checked as {@link #enter}
     * checks a call, and its exit made at once. So an accessor never marks its thread as inside
     * the family: another thread's call that begins during it is found by the thread check, not as
     * {@code CONCURRENT_USE}; the calls that move a cursor or run SQL ({@code next()},
     * {@code execute*}), which accessors are read between, carry the whole hook. Throws strict
     * mode's {@code SQLException} instead of a call it refuses.
     */
    public static void check(Object self, String method) {
        try {
            Resource r = States.get(self);
            if (r == null) return;
            ThreadState s = r.owner;
            if (s.threadId == ThreadState.currentThreadId() && (s.depth != 0 || !r.released() && r.connection.active() == null)) return;
        } catch (Throwable t) {
            Findings.internalError(t);
            return;
        }
        exit(enter(self, method, false));
    }

    /** Before a {@code close()}: as {@link #enter}, and a close by another thread is {@code WRONG_THREAD_CLOSE}. */
    public static Object enterClose(Object self, String method) {
        return enter(self, method, true);
    }

    private static Object enter(Object self, String method, boolean close) {
        Object token;
        try {
            Resource r = States.get(self);
            token = r == null ? null : begin(r, method, null, close);
        } catch (Throwable t) {
            return failed(t);
        }
        return Refusal.unless(token);
    }

    /**
     * A call any thread may make ({@code Statement.cancel()}, {@code Connection.abort}, which JDBC
     * allows so, and {@code isClosed()}, which only asks): an
     * outermost call that is never checked and does not enter the family, so the call it interrupts
     * is not concurrent use, and the driver's own calls inside it are nested.
     */
    public static Object enterAnyThread(Object self) {
        try {
            if (States.get(self) == null) return null;
            ThreadState s = ThreadState.current();
            s.depth++;
            return s;
        } catch (Throwable t) {
            return failed(t);
        }
    }

    /** After a call that {@link #enter} (or another enter method) let happen, whether it returned or threw. */
    public static void exit(Object token) {
        if (token == null) return;
        try {
            ThreadState s = (ThreadState) token;
            if (--s.depth == 0) {
                ConnectionResource family = s.outer;
                if (family != null) {
                    s.outer = null;
                    family.leave(s);
                }
            }
        } catch (Throwable t) {
            Findings.internalError(t);
        }
    }

    /**
     * After a call that hands out a statement, a result set or metadata ({@code returned}; null
     * after {@code closeOnCompletion} or a throw).
     */
    public static void exitFactory(Object returned, Object token, Object self, String method, Object sql) {
        if (token == null) return;
        try {
            ThreadState s = (ThreadState) token;
            if (s.depth == 1) Lifecycle.handedOut(s, States.get(self), returned, method, sql);
        } catch (Throwable t) {
            Findings.internalError(t);
        }
        exit(token);
    }

    /**
     * A close changes the resource's state at any depth (a pooled connection closes its previous
     * handle inside {@code getConnection}), except the releases nested in an outermost close of the
     * same family: that close reports what it leaves open itself. A close the finalizer or a
     * {@code Cleaner} makes changes nothing: what the application dropped stays open to connguard
     * and is reported as the leak it is (with its connection, or when its connection closes),
     * whenever the JVM got round to disposing of it.
     */
    public static void exitClose(Object token, Object self) {
        if (token == null) return;
        try {
            ThreadState s = (ThreadState) token;
            Resource r = States.get(self);
            // handed out again while this close ran: the close ends the life it began in, not the borrower's
            ConnectionResource closing = s.outer;
            if (r != null && s.outerIsClose && closing != null && r.connection != closing && closing.watch.get() == self) r = closing;
            boolean byApplication = !s.knownToDisposeGarbage();
            if (byApplication && (s.depth == 1 || r != null && !(s.outerIsClose && s.outer == r.connection))) Lifecycle.closed(r, s);
        } catch (Throwable t) {
            Findings.internalError(t);
        }
        exit(token);
    }

    /**
     * After {@code Connection.abort(executor)}; {@code done}: it returned normally, a close and the
     * deliberate end of what the connection was doing, its transaction with it (JDBC 4.1), which is
     * no transaction left open. One that threw (JDBC: a null executor, a security manager's refusal)
     * closed nothing: Connector/J's connection works on after {@code abort(null)}.
     */
    public static void exitAbort(boolean done, Object token, Object self) {
        if (token == null) return;
        if (!done) {
            exit(token);
            return;
        }
        try {
            Resource r = States.get(self);
            if (r != null) Transactions.ended(r.connection);
        } catch (Throwable t) {
            Findings.internalError(t);
        }
        exitClose(token, self);
    }

    // --- transactions: setAutoCommit, commit, rollback and the writes between them

    /**
     * After {@code setAutoCommit(on)} ({@code token} null: on an untracked connection);
     * {@code done}: it returned normally. The outermost call sets its family's mode. One nested in
     * an open, on whatever connection the pool or data source makes the returned one from, tracked
     * or not (DBCP2 applies its {@code defaultAutoCommit} inside the borrow), is the mode of the
     * connection that open returns; one inside a JTA enlistment leaves it untracked
     * ({@link Stacks#insideEnlistment}). At any depth, the call sets the mode of {@code self}'s
     * family: a pool's physical connection, under the call of its proxy, keeps it for its next
     * borrow; and {@code setAutoCommit(true)} commits (JDBC), there too, and in a call of its own
     * family, as H2's pooled connection makes in its close, after a rollback
     * ({@link Transactions#endedBeneath}).
     */
    public static void exitAutoCommit(boolean done, Object token, Object self, boolean on) {
        if (!done) {
            exit(token);
            return;
        }
        try {
            ThreadState s = token == null ? ThreadState.current() : (ThreadState) token;
            Resource r = States.get(self);
            boolean beneath = s.outer != null && s.depth > 1;
            if (r != null) Transactions.autoCommitSet(r.connection, on, !beneath || r.connection != s.outer);
            if (on && beneath) Transactions.endedBeneath(s.outer, r, true); // it commits
            if (s.outer == null && s.depth > 0) {
                // in a call with no family: an open (each outermost open starts afresh)
                if (Stacks.insideEnlistment()) s.pendingEnlisted = true;
                else s.pendingAutoCommit = on;
            }
        } catch (Throwable t) {
            Findings.internalError(t);
        }
        exit(token);
    }

    /**
     * After {@code getAutoCommit()}; {@code off}: it returned {@code false}. The outermost call on
     * a driver's connection opened directly (by a driver or a driver's data source, not lent by a
     * pool or a {@code PooledConnection}; driving no other) whose mode no call or SQL has set is in
     * manual mode from now on: opened in it, which no call showed (H2's {@code AUTOCOMMIT=OFF} in
     * the URL), it is found out when anything asks, as Spring's, MyBatis's and Hibernate's
     * transactions do. Not a connection a pool or an XA connection lent, nor one over it: in a
     * global transaction it is in manual mode for the transaction manager, which commits after the
     * application closed it; where the enlistment switched auto-commit off inside the borrow, that
     * call told it ({@link #exitAutoCommit}), but a pool that opened its connections in manual mode
     * (Agroal's {@code autoCommit(false)}), or an XA start outside the borrow, makes none.
     */
    public static void exitAutoCommitRead(boolean off, Object token, Object self) {
        if (token == null) return;
        try {
            Resource r = States.get(self);
            ConnectionResource c = r == null ? null : r.connection;
            if (off && c != null && ((ThreadState) token).depth == 1 && c.openedDirectly()) Transactions.manualModeShown(c);
        } catch (Throwable t) {
            Findings.internalError(t);
        }
        exit(token);
    }

    /**
     * After {@code commit()} or {@code rollback()} ({@code method}); {@code done}: it returned
     * normally. Nested in a call of a family, on its connection or one it drives, it ends that
     * family's transaction as {@link Transactions#endedBeneath} says.
     */
    public static void exitTransactionEnd(boolean done, Object token, Object self, String method) {
        if (token == null) return;
        try {
            ThreadState s = (ThreadState) token;
            if (done && s.depth == 1) Transactions.ended(s.outer);
            else if (done && s.outer != null) Transactions.endedBeneath(s.outer, States.get(self), method.equals("commit"));
        } catch (Throwable t) {
            Findings.internalError(t);
        }
        exit(token);
    }

    /**
     * After {@code Statement.getMoreResults()}; {@code done}: it returned normally, and closed the
     * statement's current result set ({@code Statement.getMoreResults} javadoc).
     */
    public static void exitNextResult(boolean done, Object token, Object self) {
        if (token == null) return;
        try {
            ThreadState s = (ThreadState) token;
            if (done && s.depth == 1) Lifecycle.closedByItsStatement(States.get(self), s);
        } catch (Throwable t) {
            Findings.internalError(t);
        }
        exit(token);
    }

    /**
     * After a call that runs SQL or may write ({@code execute*} but {@code executeQuery}, a result
     * set's row changes); {@code wrote}: it returned normally, and (for {@code execute}) with an
     * update count first.
     */
    public static void exitWrite(boolean wrote, Object token, Object self) {
        if (token == null) return;
        try {
            ThreadState s = (ThreadState) token;
            if (s.depth == 1) {
                Resource r = States.get(self);
                Lifecycle.closedByItsStatement(r, s); // every execution closes the current result set (JDBC, Statement)
                // the family of the outermost call is at hand; the object's own state for the write's SQL
                Transactions.ran(s.outer, r, wrote);
            }
        } catch (Throwable t) {
            Findings.internalError(t);
        }
        exit(token);
    }

    /**
     * After {@code executeBatch()} or {@code executeLargeBatch()}; {@code counts}: the update counts it
     * returned ({@code int[]} or {@code long[]}), null if it threw. An empty batch ran nothing: no write.
     */
    public static void exitBatch(Object counts, Object token, Object self) {
        boolean ran = counts instanceof int[] && ((int[]) counts).length > 0 || counts instanceof long[] && ((long[]) counts).length > 0;
        exitWrite(ran, token, self);
    }

    // --- Driver.connect, DataSource.getConnection, PooledConnection.getConnection and the like

    /** Before an open; returns the token for {@link #exitOpen}. Only what the outermost open returns is the caller's. */
    public static Object enterOpen() {
        ThreadState s = ThreadState.current();
        if (s.depth++ == 0) {
            s.pendingAutoCommit = null;
            s.pendingEnlisted = false;
        }
        return s;
    }

    /**
     * After a data source's {@code getConnection}, as {@link #exitOpen}; {@code connection} null:
     * it threw (a data source never returns null), as a pool's does when it cannot lend one: its
     * timeout, or closed ({@link PoolBorrows#threwBy}).
     */
    public static void exitGetConnection(Object connection, Object token, Object dataSource) {
        if (connection == null) {
            try {
                PoolBorrows.threwBy((ThreadState) token, dataSource);
            } catch (Throwable t) {
                Findings.internalError(t);
            }
        }
        exitOpen(connection, token, dataSource, null);
    }

    /**
     * After an open; {@code connection}: the connection it returned, null if it threw or opens
     * none of the caller's ({@code getPooledConnection}); {@code url}: the driver's argument for
     * {@code Driver.connect}, null for data sources.
     */
    public static void exitOpen(Object connection, Object token, Object opener, Object url) {
        exitOpen(connection, token, opener, url, false);
    }

    /**
     * {@link #exitOpen}; {@code handle}: the open is a {@code PooledConnection}'s
     * {@code getConnection()}, which lends one physical connection's handle: never the pool of a
     * borrow, even one of pool code (MariaDB Connector/J's, whose pool a {@code DriverManager}
     * borrow reaches without any data source).
     */
    private static void exitOpen(Object connection, Object token, Object opener, Object url, boolean handle) {
        ThreadState s = (ThreadState) token;
        try {
            // the URL of a connect nested in a data source's open is the URL of what that open returns;
            // one nested in a call on a connection (a lazy proxy connecting) belongs to no open of ours
            if (connection != null && url instanceof String && s.pendingUrl == null && s.outer == null) s.pendingUrl = (String) url;
            if (connection != null && s.outer == null) {
                if (!handle) PoolBorrows.returnedBy(s, opener);
                if (s.depth > 1) Lifecycle.openedInside(s, connection);
            }
            if (s.depth == 1) {
                String u = s.pendingUrl;
                s.pendingUrl = null;
                Object pool = s.borrowPool;
                s.borrowPool = null;
                Object failed = s.failedBorrowPool;
                s.failedBorrowPool = null;
                boolean lent = pool != null || s.handleInOpen;
                s.handleInOpen = false;
                // enlisted in a global transaction, the transaction manager commits it: untracked, as in auto-commit
                Boolean autoCommit = s.pendingEnlisted ? Boolean.TRUE : s.pendingAutoCommit;
                s.pendingAutoCommit = null;
                s.pendingEnlisted = false;
                if (u == null && connection != null) u = DataSourceUrl.of(opener);
                if (connection != null) Lifecycle.opened(connection, s, u, autoCommit, lent);
                if (s.openedInside != null) Lifecycle.physicalsOpened(s, connection, u, autoCommit);
                if (connection != null && pool != null) PoolBorrows.borrowed(s, connection, pool);
                if (connection == null && failed != null) PoolBorrows.borrowFailed(s, failed);
            }
        } catch (Throwable t) {
            Findings.internalError(t);
        }
        exit(token);
    }

    /**
     * After a {@code PooledConnection}'s {@code getConnection()} ({@code pooled}): an open, as
     * {@link #exitOpen}; the handle it returned ({@code connection}, null if it threw) is now its
     * only one, and the one before, if open, was closed by it.
     */
    public static void exitHandle(Object connection, Object token, Object pooled) {
        ThreadState s = (ThreadState) token;
        if (connection != null && s.outer == null) s.handleInOpen = true; // in an open, which takes it at its end
        exitOpen(connection, token, pooled, null, true);
        if (connection == null) return;
        try {
            PooledHandles.handedOut(pooled, States.get(connection), s);
        } catch (Throwable t) {
            Findings.internalError(t);
        }
    }

    /** After a {@code PooledConnection}'s {@code close()} ({@code pooled}): its handle, if open, closed with it. */
    public static void exitHandleRelease(Object token, Object pooled) {
        try {
            PooledHandles.released(pooled, (ThreadState) token);
        } catch (Throwable t) {
            Findings.internalError(t);
        }
        exit(token);
    }

    /** Runs once, after the application's own shutdown hooks: the last leaks, then the summary. */
    public static void jvmExit() {
        try {
            LeakWatcher.drain(LeakWatcher.COLLECTED.poll());
            OpenResources.reportAtExit();
        } catch (Throwable t) {
            Findings.internalError(t);
        }
        FindingSink sink = Config.sink;
        if (sink != null) sink.finished();
    }

    /**
     * Connguard begins work on this thread (rewriting a class as it loads): until {@link #agentWorkEnds},
     * that time is not the application's. Returns the start, in {@code System.nanoTime()} units.
     */
    public static long agentWorkBegins() {
        long now = System.nanoTime();
        ThreadState.current().agentSince = now;
        return now;
    }

    public static void agentWorkEnds(long began) {
        ThreadState s = ThreadState.current();
        s.agentNanos += System.nanoTime() - began;
        s.agentSince = 0;
    }

    public static void startLeakWatcher() {
        LeakWatcher.start();
    }

    /**
     * The JDBC class of that (binary) name is instrumented: its frames are JDBC's, not the
     * application's. {@code openerCalls}: for a class that opens connections and is none (a
     * driver, a data source, a pooled connection), the names of its hooked methods, the only ones
     * of its frames that are ({@link Stacks#OPENER_CALLS}); null for any other.
     */
    public static void instrumented(String className, String[] openerCalls) {
        if (openerCalls != null) Stacks.OPENER_CALLS.put(className, java.util.Set.copyOf(java.util.Arrays.asList(openerCalls)));
        Stacks.INSTRUMENTED.add(className);
    }

    /** The class of that (binary) name implements a {@code java.sql} or {@code javax.sql} interface, hooked or not. */
    public static void implementsJdbc(String className) {
        Stacks.JDBC_CLASSES.add(className);
    }

    // ---

    /** connguard failed inside a hook: counted and reported, and the application's call goes on untracked. */
    private static Object failed(Throwable error) {
        Findings.internalError(error);
        return null;
    }

    private static Object begin(Resource r, String method, String sql, boolean close) {
        ThreadState s = r.owner;
        if (s.threadId != ThreadState.currentThreadId()) s = ThreadState.current();
        s.callSite = 0; // a site no statement-making entry took (its connection class has no hooks) is no other call's
        if (s.depth++ != 0) {
            ConnectionResource outer = s.outer;
            if (outer != null && outer != r.connection && (!r.connection.wrapped || !outer.wraps)) Lifecycle.wraps(outer, r.connection, s.depth);
            return s;
        }
        ConnectionResource family = r.connection;
        s.outer = family;
        s.outerIsClose = close;
        if (s == r.owner && !r.released() && family.tryEnter(s)) return s;
        return check(r, s, method, sql, close);
    }

    private static Object check(Resource r, ThreadState s, String method, String sql, boolean close) {
        long started = System.nanoTime();
        try {
            ConnectionResource family = r.connection;
            if (family.wrapped) return s;
            // the finalizer or a Cleaner disposing of what the application dropped: its leak, not a use
            if (s.disposesGarbage()) return s;
            if (r.released()) {
                // closing again is allowed (JDBC), and so is a pool's hand-back of what was returned
                String message = close ? null : UseAfterClose.used(r, s, method, sql);
                if (Config.strict && message != null) {
                    exit(s); // the call will not happen
                    return message;
                }
                return s;
            }
            ThreadState other = null;
            if (!family.tryEnter(s)) {
                other = family.active();
                if (other == s) other = null;
            }
            boolean cross = s != r.owner;
            if (!cross && other == null) return s;
            if (other == null && Config.handoffAllowed) {
                OpenResources.handOff(r, s); // nobody else inside: the family is this thread's now
                return s;
            }
            if (family.poolManaged()) return s;
            if (cross) r.usedByOthers = true;
            StackTraceElement[] at = new Throwable().getStackTrace();
            if (InnerCalls.insideLastReported(s, family, at)) return s; // the driver's call inside the one reported
            if (Stacks.callerIsPool(at)) return s; // a pool tending its connections: its business, not misuse
            String message = null;
            if (cross) {
                message = Findings.use(close ? Finding.WRONG_THREAD_CLOSE : Finding.CROSS_THREAD_USE, r, s, method, sql, at, null);
            }
            if (other != null) {
                String concurrent = Findings.use(Finding.CONCURRENT_USE, r, s, method, sql, at, other);
                if (message == null) message = concurrent;
            }
            if (Config.strict && message != null) {
                exit(s); // the call will not happen
                return message;
            }
        } catch (Throwable t) {
            Findings.internalError(t);
        } finally {
            s.agentNanos += System.nanoTime() - started; // taking stacks and reporting is connguard's time
        }
        return s;
    }
}
