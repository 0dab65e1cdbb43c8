package io.connguard.runtime;

/**
 * Transactions left open ({@code TRANSACTION_LEFT_OPEN}): a connection closed, or returned to its
 * pool, with writes that were neither committed nor rolled back. JDBC leaves what happens to them
 * to the implementation: HikariCP and DBCP2 roll them back without a word, some drivers commit,
 * some throw. Per connection: {@code setAutoCommit(false)} starts tracking; a write
 * ({@code executeUpdate}, {@code executeLargeUpdate}, {@code executeBatch}, an {@code execute}
 * that returned {@code false}, {@code insertRow}/{@code updateRow}/{@code deleteRow}) on it or its
 * statements and result sets marks it; {@code commit}, {@code rollback}, {@code setAutoCommit(true)}
 * (which commits, JDBC says) and DDL that the database commits ({@link ImplicitCommit}) clear it.
 * Only outermost calls that returned normally count: a commit that threw left the transaction open.
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

    /** Whether family {@code c} is tracked: {@code setAutoCommit(false)} is in force. */
    static boolean tracking(ConnectionResource c) {
        return c != null && c.manualCommit;
    }

    /**
     * A write on family {@code c}, through {@code r} (the statement or result set, or the
     * connection; null if untracked). DDL that the database commits ends the transaction instead
     * ({@link ImplicitCommit}).
     */
    static void wrote(ConnectionResource c, Resource r) {
        String sql = r == null ? null : r.sql();
        if (ImplicitCommit.commits(c.url, sql)) {
            ended(c);
        } else if (!c.uncommitted) {
            c.uncommitted = true;
            c.uncommittedSql = sql;
        }
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
