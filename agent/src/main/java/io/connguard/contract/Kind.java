package io.connguard.contract;

/**
 * The finding kinds of the report contract: the name the JSON lines report writes for each, the
 * word the human log and the formats use for the thread that acted, and the rule the SARIF and
 * HTML formats describe. A report names a kind by {@link #json}; readers take names they do not
 * know (a newer agent's) as they are.
 */
public enum Kind {
    CROSS_THREAD_USE(Names.CROSS_THREAD_USE, Verbs.USED_BY, "error", "CrossThreadUse",
        "A JDBC resource was used by a thread that does not own it.",
        "A thread called a JDBC connection, statement or result set that another thread obtained, typically "
            + "a connection handed to a worker, an executor or a CompletableFuture. JDBC objects are not meant to "
            + "be shared between threads; give each task its own connection, for example from a pool."),
    CONCURRENT_USE(Names.CONCURRENT_USE, Verbs.ENTERED_BY, "error", "ConcurrentUse",
        "Two threads were inside calls on the same JDBC connection at the same time.",
        "Two threads were inside calls on the same connection, or on its statements and result sets, at the same "
            + "time, typically one connection shared by a thread pool. Drivers are not required to be thread-safe: "
            + "this corrupts protocol state or interleaves transactions."),
    WRONG_THREAD_CLOSE(Names.WRONG_THREAD_CLOSE, Verbs.CLOSED_BY, "error", "WrongThreadClose",
        "A JDBC resource was closed by a thread other than its owner.",
        "A connection, statement or result set was closed by a thread other than the one that obtained it, "
            + "typically \"close everything\" from main after the workers ended. Close a resource where it was "
            + "opened, with try-with-resources."),
    LEAK(Names.LEAK, Verbs.USED_BY, "warning", "Leak",
        "A JDBC resource was never closed.",
        "A connection, statement or result set was not closed: it became unreachable while open (GC), its owner "
            + "thread ended (OWNER_THREAD_ENDED), it was still open at JVM exit (EXIT), its connection was closed "
            + "under it (PARENT_CLOSED) or it was held longer than the threshold (HELD_TOO_LONG). Use "
            + "try-with-resources."),
    NESTED_ACQUIRE(Names.NESTED_ACQUIRE, Verbs.USED_BY, "error", "NestedAcquire",
        "A thread that held a pooled connection borrowed another from the same pool.",
        "A thread that still held a connection from a pool borrowed a second one from the same pool, typically "
            + "Spring's REQUIRES_NEW inside a transaction or an audit logger that takes its own connection inside a "
            + "unit of work. With a pool of N connections and N such threads, every thread waits for ever for its "
            + "second connection (pool-locking). Reuse the held connection, or size the pool for the nesting."),
    TRANSACTION_LEFT_OPEN(Names.TRANSACTION_LEFT_OPEN, Verbs.USED_BY, "error", "TransactionLeftOpen",
        "A connection was closed or returned to its pool with uncommitted writes.",
        "After setAutoCommit(false), a write ran and the connection was closed (or returned to its pool) without "
            + "commit or rollback, typically an early return or an exception path that skips the commit. JDBC leaves "
            + "the outcome to the implementation: HikariCP and DBCP2 roll the work back silently, some drivers "
            + "commit it, some throw. Commit or roll back on every path, for example in a finally block."),
    USE_AFTER_CLOSE(Names.USE_AFTER_CLOSE, Verbs.USED_BY, "error", "UseAfterClose",
        "A JDBC resource was used after it was closed.",
        "A method other than close or isClosed was called on a connection, statement or result set after it was "
            + "closed, typically a DAO that returns a ResultSet whose statement or connection its try-with-resources "
            + "already closed, or a connection used after it went back to its pool. The driver's own \"closed\" error "
            + "never says where: the finding names who closed it, when, and where when recorded.");

    /**
     * The names as compile-time constants: the runtime lives in the bootstrap loader, which cannot
     * load this enum, so it spells kinds with these (the compiler copies them into its classes).
     */
    public static final class Names {
        public static final String CROSS_THREAD_USE = "CROSS_THREAD_USE";
        public static final String CONCURRENT_USE = "CONCURRENT_USE";
        public static final String WRONG_THREAD_CLOSE = "WRONG_THREAD_CLOSE";
        public static final String LEAK = "LEAK";
        public static final String NESTED_ACQUIRE = "NESTED_ACQUIRE";
        public static final String TRANSACTION_LEFT_OPEN = "TRANSACTION_LEFT_OPEN";
        public static final String USE_AFTER_CLOSE = "USE_AFTER_CLOSE";

        private Names() {}
    }

    /** The name in the report's {@code kind} fields, summary counts and {@code --fail-on}. */
    public final String json;
    /** How a one-line text says the acting thread: {@code used by}, {@code entered by}, {@code closed by}. */
    public final String actorVerb;
    /** SARIF level: {@code error} or {@code warning}. */
    public final String level;
    /** The rule's name in SARIF ({@code CrossThreadUse}). */
    public final String ruleName;
    public final String shortDescription;
    public final String fullDescription;

    Kind(String json, String actorVerb, String level, String ruleName, String shortDescription, String fullDescription) {
        this.json = json;
        this.actorVerb = actorVerb;
        this.level = level;
        this.ruleName = ruleName;
        this.shortDescription = shortDescription;
        this.fullDescription = fullDescription;
    }

    /** The kind a report names {@code json}, or null for a name this version does not know (a newer agent's report). */
    public static Kind of(String json) {
        for (Kind k : values()) if (k.json.equals(json)) return k;
        return null;
    }

    /** Worst first: the position of the kind named {@code json}; kinds this version does not know sort last. */
    public static int rank(String json) {
        Kind k = of(json);
        return k == null ? values().length : k.ordinal();
    }

    /** The acting thread's verb for the kind named {@code json}; {@link Verbs#USED_BY} for one this version does not know. */
    public static String actorVerbOf(String json) {
        Kind k = of(json);
        return k == null ? Verbs.USED_BY : k.actorVerb;
    }

    /** Whether findings of the kind named {@code json} are uses: grouped by the connection's opening and listed by place. */
    public static boolean isUse(String json) {
        return Names.CROSS_THREAD_USE.equals(json) || Names.CONCURRENT_USE.equals(json);
    }

    /** Every name, comma-separated, in this order: for usage and error messages. */
    public static String names() {
        StringBuilder b = new StringBuilder();
        for (Kind k : values()) b.append(b.length() == 0 ? "" : ", ").append(k.json);
        return b.toString();
    }
}
