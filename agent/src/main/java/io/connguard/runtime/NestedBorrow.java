package io.connguard.runtime;

/**
 * A borrow made while the same thread held a connection of the same pool, not yet judged. It
 * locks the pool only if it took a second of the pool's connections: a JTA-aware pool (DBCP2's
 * managed data source, for one) hands every borrow inside one global transaction the connection it
 * enlisted there, a new handle over the same physical connection. Which physical connection a
 * handle drives shows at its first call ({@link ConnectionResource#drives}), so the borrow is
 * judged once both handles have been seen driving theirs; else when one never seen driving closes
 * or is collected, or at exit. Unless both drive the same one, it is {@code NESTED_ACQUIRE}.
 * Judged once, by whichever thread comes first.
 */
final class NestedBorrow {
    private final ConnectionResource held;
    private final ConnectionResource borrowed;
    private final ThreadState actor;
    private final String poolName;
    private boolean judged;

    private NestedBorrow(ConnectionResource held, ConnectionResource borrowed, ThreadState actor, String poolName) {
        this.held = held;
        this.borrowed = borrowed;
        this.actor = actor;
        this.poolName = poolName;
    }

    /**
     * {@code actor} borrowed {@code borrowed} while holding {@code held}, of the pool named
     * {@code poolName} (null if unnamed). A borrow that still awaits judgement on {@code held} is
     * judged first, on what is known of it now.
     */
    static void begin(ConnectionResource held, ConnectionResource borrowed, ThreadState actor, String poolName) {
        NestedBorrow earlier = held.nestedBorrow;
        if (earlier != null) earlier.judge();
        NestedBorrow b = new NestedBorrow(held, borrowed, actor, poolName);
        held.nestedBorrow = b;
        borrowed.nestedBorrow = b;
    }

    /** {@code c} was first seen driving a connection: the borrow it takes part in is judged if the other has been too. */
    static void drove(ConnectionResource c) {
        NestedBorrow b = c.nestedBorrow;
        if (b != null && b.held.drives != null && b.borrowed.drives != null) b.judge();
    }

    /**
     * Nothing more will be learned of {@code c}: it closed or was collected, or ({@code exit}) the
     * JVM exits. Its borrow is judged unless the other connection, still to be seen, may yet show
     * the two shared one.
     */
    static void ended(ConnectionResource c, boolean exit) {
        NestedBorrow b = c.nestedBorrow;
        if (b != null && (exit || c.drives == null || b.held.drives != null && b.borrowed.drives != null)) b.judge();
    }

    private void judge() {
        synchronized (this) {
            if (judged) return;
            judged = true;
        }
        ConnectionResource heldDrives = held.drives;
        if (heldDrives != null && heldDrives == borrowed.drives) return; // one physical connection, shared: no second taken
        if (held.wrapped) return;
        Findings.nestedAcquire(held, actor, borrowed.creation.getStackTrace(), borrowed.poolClass.getName(), poolName);
    }
}
