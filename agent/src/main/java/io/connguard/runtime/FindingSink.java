package io.connguard.runtime;

/**
 * Where the runtime hands what it finds. The runtime lives on the bootstrap class path and knows
 * nothing of files, JSON or logging; the agent installs the one implementation at start-up.
 */
public interface FindingSink {

    /**
     * Records a finding; returns false when the user chose to leave it out (the {@code ignore}
     * option), so that strict mode does not throw for it either.
     */
    boolean finding(Finding finding);

    /** A resource reported {@code HELD_TOO_LONG} was closed after all. */
    void closedAfterReport(long resourceId, long heldMillis, StackTraceElement[] closedAt);

    /** The JVM is going down and every leak has been reported: write the summary. */
    void finished();

    /** An error inside connguard itself: the sink counts it, and logs and reports the first one. */
    void internalError(Throwable error);
}
