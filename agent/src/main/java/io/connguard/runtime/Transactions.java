package io.connguard.runtime;

/**
 * Transactions left open ({@code TRANSACTION_LEFT_OPEN}): a connection closed, or returned to its
 * pool, with writes that were neither committed nor rolled back. JDBC leaves what happens to them
 * to the implementation: HikariCP and DBCP2 roll them back without a word, some drivers commit,
 * some throw. Per connection: {@code setAutoCommit(false)} starts tracking (so does a connection
 * that comes with auto-commit off: one a pool's borrow or a data source switched off, see
 * {@link Guard#exitAutoCommit}, or a pool's proxy over one, see {@link Lifecycle#wraps}); a write
 * ({@code executeUpdate}, {@code executeLargeUpdate}, {@code executeBatch}, an {@code execute}
 * that returned {@code false}, a query whose SQL changes data, {@code insertRow}/{@code updateRow}/
 * {@code deleteRow}) on it or its statements and result sets marks it; {@code commit},
 * {@code rollback}, {@code setAutoCommit(true)} (which commits, JDBC says) and SQL that ends the
 * transaction or may have ({@link TransactionSql}) clear it. SQL that sets the session's
 * auto-commit ({@code SET autocommit = 0}) counts as {@code setAutoCommit}, on a connection in
 * auto-commit too; a {@code getAutoCommit()} that answers {@code false} tells the mode of a
 * driver's connection none of those did. Only outermost calls count, writes only when they returned normally, and a
 * {@code commit()} that threw left the transaction open.
 */
final class Transactions {
    /** How many connections deep a session's mode is passed down: wrappers over a pool over a driver. */
    private static final int MAX_DRIVEN = 8;

    private Transactions() {}

    /**
     * {@code setAutoCommit(on)} returned normally on the connection family {@code c} (null:
     * untracked), at any depth: a pool's proxy forwards it to its physical connection, whose session
     * the next borrow takes. {@code commits}: whether {@code on} ends the transaction here; not in a
     * call of {@code c}'s own, where {@link #endedBeneath} judges it.
     */
    static void autoCommitSet(ConnectionResource c, boolean on, boolean commits) {
        if (c == null) return;
        c.manualCommit = !on;
        c.autoCommitSet = true;
        if (on && commits) ended(c);
    }

    /**
     * {@code getAutoCommit()} showed the connection family {@code c} (a driver's, opened directly)
     * in manual mode ({@link Guard#exitAutoCommitRead}): unless a call or SQL already set its mode,
     * that is its mode.
     */
    static void manualModeShown(ConnectionResource c) {
        if (c.autoCommitSet) return;
        c.manualCommit = true;
        c.autoCommitSet = true;
    }

    /** {@code commit()} or {@code rollback()} on the connection family {@code c}. */
    static void ended(ConnectionResource c) {
        if (c == null) return;
        c.uncommitted = false;
        c.uncommittedSql = null;
        c.rolledBackBeneath = false;
    }

    /**
     * A commit ({@code committed}: {@code commit()}, {@code setAutoCommit(true)}) or a rollback
     * returned normally on {@code r} (null: untracked) inside a call of family {@code c}, on
     * {@code c} or a connection {@code c} drives: a pool committing or rolling back the physical
     * connection under its proxy as it is handed back (DBCP2's {@code autoCommitOnReturn} with
     * {@code rollbackOnReturn=false}, Tomcat JDBC's {@code commitOnReturn}, c3p0's
     * {@code autoCommitOnClose}), or its handle's close calling the handle's own (H2's pooled
     * connection rolls back, then switches auto-commit on). A commit there commits {@code c}'s
     * writes; a rollback discards them, and the close still finds them lost, whatever commits after it.
     */
    static void endedBeneath(ConnectionResource c, Resource r, boolean committed) {
        if (r == null || !c.uncommitted || r.connection != c && !drives(c, r.connection)) return;
        if (!committed) c.rolledBackBeneath = true;
        else if (!c.rolledBackBeneath) ended(c);
    }

    /** Whether {@code c} drives {@code inner}, directly or through the connections it drives. */
    private static boolean drives(ConnectionResource c, ConnectionResource inner) {
        for (int depth = 0; c != null && depth < MAX_DRIVEN; depth++) {
            c = c.drives;
            if (c == inner) return true;
        }
        return false;
    }

    /** Whether family {@code c} is tracked: {@code setAutoCommit(false)} is in force. */
    static boolean tracking(ConnectionResource c) {
        return c != null && c.manualCommit;
    }

    /**
     * A call that may write ran on family {@code c}, through {@code r} (the statement or result
     * set, or the connection; null if untracked); {@code wrote}: it returned normally, and (for
     * {@code execute}) with an update count first. SQL that ends the transaction, or may have
     * ({@link TransactionSql}), ends what connguard knows even when it threw: MySQL commits before
     * it runs DDL, H2 at commands that fail.
     */
    static void ran(ConnectionResource c, Resource r, boolean wrote) {
        if (c == null) return;
        String sql = r == null ? null : r.sql();
        // in auto-commit, only SQL that turns it off matters
        if (!tracking(c) && !TransactionSql.isSet(c, sql)) return;
        // a result set's row change (insertRow, updateRow, deleteRow) writes, whatever its query
        int effect = r != null && r.resourceType == Resource.RESULT_SET ? TransactionSql.WRITE : TransactionSql.effect(c, sql);
        switch (effect) {
            case TransactionSql.WRITE:
                if (wrote && tracking(c)) wrote(c, sql);
                return;
            case TransactionSql.ENDS:
                ended(c);
                return;
            case TransactionSql.AUTO_COMMIT_ON:
                if (!wrote) return; // a SET that failed turned nothing
                ended(c);
                modeSetBySql(c, false);
                return;
            case TransactionSql.ENDS_AUTO_COMMIT_OFF:
                ended(c);
                // fall through: and the session's mode
            case TransactionSql.AUTO_COMMIT_OFF:
                if (wrote) modeSetBySql(c, true);
                return;
            default: // NEITHER
        }
    }

    /**
     * SQL set the session's auto-commit through family {@code c} ({@code manual}: off), as
     * {@code setAutoCommit} would have. The session is that of the connections {@code c} drives
     * too: a pool's physical connection keeps it for its next borrow, which the pool does not tell
     * (it knows nothing of the SQL), and which takes it from there ({@link Lifecycle#wraps}).
     */
    private static void modeSetBySql(ConnectionResource c, boolean manual) {
        for (int depth = 0; c != null && depth < MAX_DRIVEN; depth++, c = c.drives) {
            c.manualCommit = manual;
            c.autoCommitSet = true;
        }
    }

    /** {@code statement} ran {@code executeQuery}: a write when its SQL changes data ({@code INSERT ... RETURNING}). */
    static void queried(Resource statement) {
        ConnectionResource c = statement.connection;
        if (tracking(c) && TransactionSql.changesData(c, statement.sql)) wrote(c, statement.sql);
    }

    /** Family {@code c} wrote, with {@code sql}: the first uncommitted write is the one a finding names. */
    private static void wrote(ConnectionResource c, String sql) {
        if (!c.uncommitted) {
            c.uncommitted = true;
            c.uncommittedSql = sql;
            c.rolledBackBeneath = false;
        }
    }

    /**
     * The outermost close of a connection: with uncommitted writes it is the finding, unless a pool
     * closes its own, or the close only let go of a connection others hold, whose transaction goes on.
     */
    static void closing(ConnectionResource c, ThreadState closer) {
        if (!c.uncommitted || c.wrapped) return;
        c.uncommitted = false;
        if (c.poolManaged() || c.letGoOfAHeldConnection()) return;
        StackTraceElement[] at = new Throwable().getStackTrace();
        if (Stacks.callerIsPool(at)) return;
        Findings.transactionLeftOpen(c, closer, Stacks.trimmed(at), c.uncommittedSql);
    }
}
