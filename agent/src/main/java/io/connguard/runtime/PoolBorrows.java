package io.connguard.runtime;

import java.lang.reflect.Method;

/**
 * Pool-locking ({@code NESTED_ACQUIRE}): a thread that holds an open logical connection of a pool
 * borrows another from the same pool, and so takes a second of its connections (judged by
 * {@link NestedBorrow}). With a pool of N connections and N such threads, each waits for its
 * second connection for ever. A borrow is an outermost open during which a pool's data
 * source (a class of a known pool or of {@code pools=}) returned the connection; the outermost such
 * data source is the pool; a {@code PooledConnection} stands for one physical connection and is
 * never the pool. Remembered per connection as the pool's class and identity hash: no reference
 * to the pool is kept.
 */
final class PoolBorrows {
    /** Whether a data source class is a pool's code ({@link PoolCode}: not a stub beside a pool's tests), asked once per class. */
    private static final ClassValue<Boolean> POOL = new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return PoolCode.isPool(type.getName());
        }
    };
    /**
     * Getters that name a pool: HikariCP and Tomcat JDBC {@code getPoolName}, c3p0
     * {@code getDataSourceName}, UCP {@code getConnectionPoolName}, Vibur and Druid {@code getName}.
     */
    private static final String[] NAME_GETTERS = {"getPoolName", "getDataSourceName", "getConnectionPoolName", "getName"};

    private PoolBorrows() {}

    /**
     * An open returned a connection, at any depth of the outermost open in progress. Nested opens
     * return first, so the last pool data source seen is the outermost one: the pool the
     * application called (DBCP2's {@code BasicDataSource}, not the {@code PoolingDataSource} inside).
     */
    static void returnedBy(ThreadState s, Object opener) {
        if (POOL.get(opener.getClass())) s.borrowPool = opener;
    }

    /**
     * A data source's {@code getConnection} threw, at any depth of the outermost open in progress
     * on {@code s}: if it is a pool's, the outermost such is the pool a failed borrow was made from,
     * as {@link #returnedBy} tells it for one that returned.
     */
    static void threwBy(ThreadState s, Object dataSource) {
        if (s.outer == null && POOL.get(dataSource.getClass())) s.failedBorrowPool = dataSource;
    }

    /**
     * The outermost open on {@code s} threw, a borrow from {@code pool} that failed. If the thread
     * holds a connection of that pool, it tried to take a second one, whatever the pool's reason
     * to refuse: its timeout (HikariCP's {@code SQLTransientConnectionException}, DBCP2's
     * {@code NoSuchElementException} wrapped), the pool-locking this finding is for come true; or
     * the pool closed. Reported now: there is no second connection that could show both were one.
     */
    static void borrowFailed(ThreadState s, Object pool) {
        ConnectionResource held = s.connections.borrowedFrom(pool.getClass(), System.identityHashCode(pool), null);
        if (held == null || held.wrapped) return;
        StackTraceElement[] borrowAt = new Throwable().getStackTrace();
        if (Stacks.callerIsPool(borrowAt)) return; // a pool's own work on its own threads
        Findings.nestedAcquire(held, s, borrowAt, pool.getClass().getName(), nameOf(pool));
    }

    /** The outermost open returned {@code connection}, a borrow from {@code pool}: remember it, and whether the thread holds another of that pool. */
    static void borrowed(ThreadState s, Object connection, Object pool) {
        Resource r = States.get(connection);
        if (r == null || r.connection != r) return;
        ConnectionResource c = r.connection;
        if (c.owner != s || c.closed || c.poolClass != null) return;
        c.poolClass = pool.getClass();
        c.poolIdentity = System.identityHashCode(pool);
        ConnectionResource held = s.connections.borrowedFrom(c.poolClass, c.poolIdentity, c);
        if (held == null || held.wrapped) return;
        StackTraceElement[] borrowAt = c.creation.getStackTrace();
        if (Stacks.callerIsPool(borrowAt)) return; // a pool's own work on its own threads
        NestedBorrow.begin(held, c, s, nameOf(pool));
    }

    /**
     * The pool's name where it has one, read with its public getter when a borrow may be a finding
     * (never to decide anything), from the first of the getters it has that answers one; null if
     * none does or a getter fails.
     */
    private static String nameOf(Object pool) {
        for (String getter : NAME_GETTERS) {
            try {
                Method m = pool.getClass().getMethod(getter);
                if (m.getReturnType() != String.class) continue;
                String name = (String) m.invoke(pool);
                if (name != null && !name.isEmpty()) return name; // UCP's getDataSourceName is unset, its pool's name is not
            } catch (NoSuchMethodException e) {
                // not this pool's getter
            } catch (Throwable t) {
                return null;
            }
        }
        return null;
    }
}
