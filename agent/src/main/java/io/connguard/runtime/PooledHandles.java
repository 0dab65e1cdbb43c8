package io.connguard.runtime;

/**
 * The handle each {@code javax.sql.PooledConnection} handed out last. JDBC has a pooled connection
 * close its previous handle when it hands out another (JDBC 2.0 Optional Package, section 6.2.3),
 * and a closed physical connection leaves its handle closed; drivers do both without
 * calling the handle's {@code close()} (pgjdbc, Connector/J), so connguard closes it here.
 * Handles a pool takes for itself are not tracked and never here.
 */
final class PooledHandles {
    /** What a closed pooled connection's last handle is: JDBC has its {@code getConnection()} throw then. */
    private static final Object CLOSED = new Object();
    /** Each pooled connection's last handle (a {@link ConnectionResource}), or {@link #CLOSED}. */
    private static final WeakIdentityMap<Object> LAST = new WeakIdentityMap<>();

    private PooledHandles() {}

    /**
     * {@code pooled} handed out {@code handle}, on the thread {@code s}. Null (a handle a pool took
     * inside its own borrow) costs nothing: pools take one per borrow. A handle a closed pooled
     * connection still hands out (MariaDB Connector/J's, its connection, closed with it) is closed.
     */
    static void handedOut(Object pooled, Resource handle, ThreadState s) {
        if (handle == null) return;
        Object previous;
        synchronized (LAST) {
            previous = LAST.get(pooled);
            if (previous != CLOSED) LAST.put(pooled, handle.connection);
        }
        if (previous == CLOSED) Lifecycle.closed(handle.connection, s);
        else if (previous != null && previous != handle.connection) Lifecycle.closed((ConnectionResource) previous, s);
    }

    /** {@code pooled} closed, on the thread {@code s}. */
    static void released(Object pooled, ThreadState s) {
        Object last = markClosed(pooled);
        if (last instanceof ConnectionResource) Lifecycle.closed((ConnectionResource) last, s);
    }

    /** {@code pooled} closed: its last handle, null if none, is replaced by {@link #CLOSED}. */
    private static Object markClosed(Object pooled) {
        synchronized (LAST) {
            Object last = LAST.get(pooled);
            LAST.put(pooled, CLOSED);
            return last;
        }
    }
}
