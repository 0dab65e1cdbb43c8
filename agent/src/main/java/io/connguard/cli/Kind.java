package io.connguard.cli;

/** The finding kinds of the report contract, with what the formats say about each. */
enum Kind {
    CROSS_THREAD_USE("error", "CrossThreadUse",
        "A JDBC resource was used by a thread that does not own it.",
        "A thread called a JDBC connection, statement or result set that another thread obtained, typically "
            + "a connection handed to a worker, an executor or a CompletableFuture. JDBC objects are not meant to "
            + "be shared between threads; give each task its own connection, for example from a pool."),
    CONCURRENT_USE("error", "ConcurrentUse",
        "Two threads were inside calls on the same JDBC connection at the same time.",
        "Two threads were inside calls on the same connection, or on its statements and result sets, at the same "
            + "time, typically one connection shared by a thread pool. Drivers are not required to be thread-safe: "
            + "this corrupts protocol state or interleaves transactions."),
    WRONG_THREAD_CLOSE("error", "WrongThreadClose",
        "A JDBC resource was closed by a thread other than its owner.",
        "A connection, statement or result set was closed by a thread other than the one that obtained it, "
            + "typically \"close everything\" from main after the workers ended. Close a resource where it was "
            + "opened, with try-with-resources."),
    LEAK("warning", "Leak",
        "A JDBC resource was never closed.",
        "A connection, statement or result set was not closed: it became unreachable while open (GC), its owner "
            + "thread ended (OWNER_THREAD_ENDED), it was still open at JVM exit (EXIT), its connection was closed "
            + "under it (PARENT_CLOSED) or it was held longer than the threshold (HELD_TOO_LONG). Use "
            + "try-with-resources."),
    NESTED_ACQUIRE("error", "NestedAcquire",
        "A thread that held a pooled connection borrowed another from the same pool.",
        "A thread that still held a connection from a pool borrowed a second one from the same pool, typically "
            + "Spring's REQUIRES_NEW inside a transaction or an audit logger that takes its own connection inside a "
            + "unit of work. With a pool of N connections and N such threads, every thread waits for ever for its "
            + "second connection (pool-locking). Reuse the held connection, or size the pool for the nesting."),
    TRANSACTION_LEFT_OPEN("error", "TransactionLeftOpen",
        "A connection was closed or returned to its pool with uncommitted writes.",
        "After setAutoCommit(false), a write ran and the connection was closed (or returned to its pool) without "
            + "commit or rollback, typically an early return or an exception path that skips the commit. JDBC leaves "
            + "the outcome to the implementation: HikariCP and DBCP2 roll the work back silently, some drivers "
            + "commit it, some throw. Commit or roll back on every path, for example in a finally block."),
    USE_AFTER_CLOSE("error", "UseAfterClose",
        "A JDBC resource was used after it was closed.",
        "A method other than close or isClosed was called on a connection, statement or result set after it was "
            + "closed, typically a DAO that returns a ResultSet whose statement or connection its try-with-resources "
            + "already closed, or a connection used after it went back to its pool. The driver's own \"closed\" error "
            + "never says where: the finding names who closed it, when, and where when recorded.");

    final String level;
    final String ruleName;
    final String shortDescription;
    final String fullDescription;

    Kind(String level, String ruleName, String shortDescription, String fullDescription) {
        this.level = level;
        this.ruleName = ruleName;
        this.shortDescription = shortDescription;
        this.fullDescription = fullDescription;
    }

    /** The kind named, or null for a name this version does not know (a newer agent's report). */
    static Kind of(String name) {
        for (Kind k : values()) if (k.name().equals(name)) return k;
        return null;
    }

    /** Worst first; kinds this version does not know sort last. */
    static int rank(String name) {
        Kind k = of(name);
        return k == null ? values().length : k.ordinal();
    }

    static String names() {
        StringBuilder b = new StringBuilder();
        for (Kind k : values()) b.append(b.length() == 0 ? "" : ", ").append(k.name());
        return b.toString();
    }
}
