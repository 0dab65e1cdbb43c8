package io.connguard.runtime;

/**
 * A borrow made while the same thread held a connection of the same pool, not yet judged. It
 * locks the pool only if it took a second of the pool's connections: a JTA-aware pool (DBCP2's
 * managed data source, Agroal) hands every borrow inside one global transaction the connection it
 * enlisted there, a new handle over the same physical connection. Which physical connection a
 * handle drives shows in its calls ({@link ConnectionResource#drives}), so the borrow is judged
 * when one of the two closes or is collected, once both have been seen driving theirs (or that one
 * never was), else at exit. Unless both drive the same one, it is {@code NESTED_ACQUIRE}. Judged
 * once, by whichever thread comes first.
 */
final class NestedBorrow {
    /** How deep what a connection drives is followed: wrappers over pools over drivers; a bound, not a depth seen. */
    private static final int DEPTH = 4;

    private final ConnectionResource held;
    private final ConnectionResource borrowed;
    private final ThreadState actor;
    private final String poolName;
    /** The next borrow, in the list of those {@link #held} takes part in, and in {@link #borrowed}'s. */
    private NestedBorrow nextOfHeld, nextOfBorrowed;
    private volatile boolean judged;

    private NestedBorrow(ConnectionResource held, ConnectionResource borrowed, ThreadState actor, String poolName) {
        this.held = held;
        this.borrowed = borrowed;
        this.actor = actor;
        this.poolName = poolName;
    }

    /**
     * {@code actor} borrowed {@code borrowed} while holding {@code held}, of the pool named
     * {@code poolName} (null if unnamed). Called by the borrowing thread, the owner of both.
     */
    static void begin(ConnectionResource held, ConnectionResource borrowed, ThreadState actor, String poolName) {
        NestedBorrow b = new NestedBorrow(held, borrowed, actor, poolName);
        NestedBorrow earlier = held.nestedBorrow;
        while (earlier != null && earlier.judged) earlier = earlier.nextFor(held); // a held connection may see many borrows
        b.nextOfHeld = earlier;
        held.nestedBorrow = b;
        b.nextOfBorrowed = borrowed.nestedBorrow;
        borrowed.nestedBorrow = b;
    }

    /**
     * Nothing more will be learned of {@code c}: it closed or was collected, or ({@code exit}) the
     * JVM exits. Each borrow it takes part in is judged unless the other connection, still to be
     * seen, may yet show the two shared one.
     */
    static void ended(ConnectionResource c, boolean exit) {
        for (NestedBorrow b = c.nestedBorrow; b != null; b = b.nextFor(c)) {
            if (exit || c.drives == null || b.held.drives != null && b.borrowed.drives != null) b.judge();
        }
    }

    private NestedBorrow nextFor(ConnectionResource c) {
        return c == held ? nextOfHeld : nextOfBorrowed;
    }

    private void judge() {
        synchronized (this) {
            if (judged) return;
            judged = true;
        }
        if (driveOneConnection(held, borrowed)) return; // shared: no second connection taken
        if (held.wrapped) return;
        Findings.nestedAcquire(held, actor, borrowed.creation.getStackTrace(), borrowed.poolClass.getName(), poolName);
    }

    /** Whether {@code a} and {@code b} were seen driving one connection, at any depth of what they drive (a wrapper's over a pool's). */
    private static boolean driveOneConnection(ConnectionResource a, ConnectionResource b) {
        int i = 0;
        for (ConnectionResource x = a.drives; x != null && i++ < DEPTH; x = x.drives) {
            int j = 0;
            for (ConnectionResource y = b.drives; y != null && j++ < DEPTH; y = y.drives) {
                if (x == y) return true;
            }
        }
        return false;
    }
}
