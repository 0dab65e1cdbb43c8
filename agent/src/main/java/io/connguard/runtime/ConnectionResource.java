package io.connguard.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;

/**
 * A connection's state: a {@link Resource}, and the root of its family, with what only the root has.
 * Who writes which field is in {@link Resource}'s class comment.
 */
final class ConnectionResource extends Resource {
    private static final VarHandle ACTIVE;

    static {
        try {
            ACTIVE = MethodHandles.lookup().findVarHandle(ConnectionResource.class, "active", ThreadState.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The URL it was opened with; null when the open did not tell, until a call of it is seen
     * driving a connection that knows its own ({@link Lifecycle#wraps}).
     */
    volatile String url;
    final long openedAt;
    /** The owner's {@link ThreadState#agentNanos} when it opened this: what connguard spends on it later is no hold. */
    private final long agentNanosAtOpen;
    /** Enqueued on {@link LeakWatcher#COLLECTED} when the connection becomes unreachable while open: a {@code GC} leak. */
    final Watch watch;

    /** The thread inside a call of this family, for {@code CONCURRENT_USE}. */
    private volatile ThreadState active;
    /** The family's open statements. */
    final ResourceList<Resource> children = new ResourceList<>();
    /** Seen driven by another tracked connection: a pool's physical connection, not the user's. */
    volatile boolean wrapped;
    /**
     * The first tracked connection seen called inside one of its calls: the physical connection a
     * pool's connection is a handle of ({@link Lifecycle#wraps}); null until then. For a connection
     * tracked only as {@link #openedInside}, the one seen called inside its calls, if any.
     */
    volatile ConnectionResource drives;
    /** The call depth at which {@link #drives} was seen called. */
    int drivesDepth;
    /** Has learned from a connection it drives what its own open did not tell ({@link Lifecycle#wraps}). */
    boolean wraps;
    /**
     * Tracked only as a connection an open nested in another returned ({@link Lifecycle#physicalsOpened}):
     * it knows no more of itself than that open did, so a connection driving it learns nothing from it.
     */
    boolean openedInside;
    /**
     * Its outermost open went through a pool's data source or a {@code PooledConnection}'s
     * {@code getConnection} (a pool's or a transaction manager's handle): lent, not opened by a
     * driver for whoever asked.
     */
    boolean lent;
    /** The answer to {@link #openedByPool}: 0 until asked, then {@link #POOL} or {@link #APPLICATION}. */
    private volatile byte opener;
    private static final byte POOL = 1, APPLICATION = 2;
    /**
     * For {@code TRANSACTION_LEFT_OPEN}: {@code setAutoCommit(false)} (or SQL's
     * {@code SET autocommit = 0}) is in force, a write ran since the last commit or rollback, and
     * that write's SQL. Touched by the owner's outermost calls; a pool's physical connection's mode
     * also by the calls its proxy makes of it, on the thread it is lent to.
     */
    boolean manualCommit;
    /**
     * {@code setAutoCommit} was called on it (or SQL set its mode, or {@code getAutoCommit} showed
     * it in manual mode, {@link Guard#exitAutoCommitRead}): its own word, not what it wraps, says
     * what {@link #manualCommit} is.
     */
    boolean autoCommitSet;
    boolean uncommitted;
    String uncommittedSql;
    /** A rollback on a connection it drives, inside one of its calls, discarded its writes ({@link Transactions#endedBeneath}). */
    boolean rolledBackBeneath;
    /**
     * For {@code NESTED_ACQUIRE}: the pool a logical connection was borrowed from, as its class and
     * identity hash (no reference to the pool); null when it is no borrow.
     */
    Class<?> poolClass;
    int poolIdentity;
    /** The newest of the borrows it takes part in, as the held connection or the one borrowed ({@link NestedBorrow}); the others follow it. */
    volatile NestedBorrow nestedBorrow;


    /** {@code jdbc}: the connection, watched for collection; {@code creation}: where it was opened. */
    ConnectionResource(Object jdbc, ThreadState owner, Throwable creation, String url) {
        super(jdbc.getClass(), CONNECTION, null, owner, creation, null);
        this.url = url;
        this.openedAt = System.nanoTime();
        this.agentNanosAtOpen = owner.agentNanos;
        this.watch = new Watch(jdbc, this);
    }

    /** The weak reference to the connection; it leads the leak watcher back to the state. */
    static final class Watch extends WeakReference<Object> {
        final ConnectionResource connection;

        Watch(Object jdbc, ConnectionResource connection) {
            super(jdbc, LeakWatcher.COLLECTED);
            this.connection = connection;
        }
    }

    /** How long the application has held it at {@code now} (nanoTime): the time connguard spent on its owner thread meanwhile does not count. */
    long heldNanos(long now) {
        ThreadState o = owner;
        long since = o.agentSince;
        long ongoing = since == 0 ? 0 : now - Math.max(since, openedAt);
        return now - openedAt - (o.agentNanos - agentNanosAtOpen) - Math.max(0, ongoing);
    }

    /** A connection a pool holds for itself, not the user's: seen wrapped, or opened by a pool. */
    boolean poolManaged() {
        return wrapped || openedByPool();
    }

    /**
     * Whether this connection, closed, let go of a connection it drives that others hold and is
     * still open: one borrowed from a pool, or opened by a data-access framework for a transaction
     * (Spring's transaction manager), not by a pool for itself. This one is then a wrapper whose
     * close only lets go (Spring's {@code TransactionAwareDataSourceProxy} inside a transaction,
     * jOOQ's way into Spring's transactions): the session, and the transaction in it, go on, for
     * the holder to end. Reads the held connection's creation stack: asked only when a close would
     * be reported.
     */
    boolean letGoOfAHeldConnection() {
        ConnectionResource held = drives;
        if (held == null || held.closed || held.creation == null || held.openedByPool()) return false;
        return held.poolClass != null || Stacks.frameworkCaller(held.creation.getStackTrace()) != null;
    }

    /** Whether a driver opened it for whoever asked: not {@link #lent}, and no wrapper over another connection. */
    boolean openedDirectly() {
        return !lent && !wrapped && drives == null;
    }

    /**
     * Whether the code that opened this connection (the caller of the outermost call) is a pool's.
     * Decided from the creation stack when first asked, which only a report does: opening a
     * connection, a pool borrow above all, pays nothing for the question.
     */
    private boolean openedByPool() {
        byte o = opener;
        if (o == 0) opener = o = Stacks.callerIsPool(creation.getStackTrace()) ? POOL : APPLICATION;
        return o == POOL;
    }

    // --- the family's "inside a call" slot: one uncontended CAS per outermost call

    boolean tryEnter(ThreadState s) {
        return ACTIVE.compareAndSet(this, null, s);
    }

    ThreadState active() {
        return active;
    }

    void leave(ThreadState s) {
        if (active == s) ACTIVE.setRelease(this, null);
    }
}
