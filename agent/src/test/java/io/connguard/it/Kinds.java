package io.connguard.it;

/** The report's vocabulary (finding kinds and the ways a leak is found), spelled once for the tests. */
public final class Kinds {
    private Kinds() {}

    public static final String CROSS_THREAD_USE = "CROSS_THREAD_USE";
    public static final String CONCURRENT_USE = "CONCURRENT_USE";
    public static final String WRONG_THREAD_CLOSE = "WRONG_THREAD_CLOSE";
    public static final String LEAK = "LEAK";
    public static final String NESTED_ACQUIRE = "NESTED_ACQUIRE";
    public static final String TRANSACTION_LEFT_OPEN = "TRANSACTION_LEFT_OPEN";
    public static final String USE_AFTER_CLOSE = "USE_AFTER_CLOSE";

    public static final String GC = "GC";
    public static final String OWNER_THREAD_ENDED = "OWNER_THREAD_ENDED";
    public static final String EXIT = "EXIT";
    public static final String PARENT_CLOSED = "PARENT_CLOSED";
    public static final String HELD_TOO_LONG = "HELD_TOO_LONG";
}
