package io.connguard.runtime;

/**
 * The handle each {@code javax.sql.PooledConnection} handed out last. JDBC has a pooled connection
 * close its previous handle when it hands out another (JDBC 2.0 Optional Package, section 6.2.3),
 * and a closed physical connection leaves its handle closed; drivers do both without
 * calling the handle's {@code close()} (pgjdbc, Connector/J), so connguard closes it here.
 * Handles a pool takes for itself are not tracked and never here.
 */
final class PooledHandles {
    private static final WeakIdentityMap<ConnectionResource> LAST = new WeakIdentityMap<>();

    private PooledHandles() {}

    /**
     * {@code pooled} handed out {@code handle}, on the thread {@code s}. Null (a handle a pool took
     * inside its own borrow) costs nothing: pools take one per borrow.
     */
    static void handedOut(Object pooled, Resource handle, ThreadState s) {
        if (handle == null) return;
        ConnectionResource previous = replace(pooled, handle.connection);
        if (previous != null && previous != handle.connection) Lifecycle.closed(previous, s);
    }

    /** {@code pooled} closed, on the thread {@code s}. */
    static void released(Object pooled, ThreadState s) {
        ConnectionResource last = replace(pooled, null);
        if (last != null) Lifecycle.closed(last, s);
    }

    /** {@code pooled}'s last handle becomes {@code next} (null: none); returns the one before. */
    private static ConnectionResource replace(Object pooled, ConnectionResource next) {
        synchronized (LAST) {
            ConnectionResource previous = LAST.get(pooled);
            LAST.put(pooled, next);
            return previous;
        }
    }
}
