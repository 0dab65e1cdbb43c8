package io.connguard.runtime;

/**
 * Transactions left open ({@code TRANSACTION_LEFT_OPEN}): a connection closed, or returned to its
 * pool, with writes that were neither committed nor rolled back. JDBC leaves what happens to them
 * to the implementation: HikariCP and DBCP2 roll them back without a word, some drivers commit,
 * some throw. Per connection: {@code setAutoCommit(false)} starts tracking; a write
 * ({@code executeUpdate}, {@code executeLargeUpdate}, {@code executeBatch}, an {@code execute}
 * whose first result is an update count, {@code insertRow}/{@code updateRow}/{@code deleteRow}) on
 * it or its statements and result sets marks it; {@code commit}, {@code rollback} and
 * {@code setAutoCommit(true)} (which commits, JDBC says) clear it. Only outermost calls that
 * returned normally count: a commit that threw left the transaction open.
 */
final class Transactions {
    private Transactions() {}

    /** {@code setAutoCommit(on)} on the connection family {@code c} (null: untracked). */
    static void autoCommitSet(ConnectionResource c, boolean on) {
        if (c == null) return;
        c.manualCommit = !on;
        if (on) ended(c);
    }

    /** {@code commit()} or {@code rollback()} on the connection family {@code c}. */
    static void ended(ConnectionResource c) {
        if (c == null) return;
        c.uncommitted = false;
        c.uncommittedSql = null;
    }

    /** Whether a write on family {@code c} would be its first uncommitted one. */
    static boolean firstUncommitted(ConnectionResource c) {
        return c != null && c.manualCommit && !c.uncommitted;
    }

    /** A write on family {@code c}, through {@code r} (the statement or result set, or the connection; null if untracked). */
    static void wrote(ConnectionResource c, Resource r) {
        c.uncommitted = true;
        c.uncommittedSql = r == null ? null : r.sql();
    }

    /** The outermost close of a connection: with uncommitted writes it is the finding, unless a pool closes its own. */
    static void closing(ConnectionResource c, ThreadState closer) {
        if (!c.uncommitted || c.wrapped) return;
        c.uncommitted = false;
        if (c.poolManaged()) return;
        StackTraceElement[] at = new Throwable().getStackTrace();
        if (Stacks.callerIsPool(at)) return;
        Findings.transactionLeftOpen(c, closer, Stacks.trimmed(at), c.uncommittedSql);
    }
}
