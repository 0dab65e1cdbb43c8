package io.connguard.contract;

/**
 * The {@code type} of each line of the JSON lines report (the README's "The JSON lines report" is
 * the contract): the agent writes them, the {@code report} command reads them.
 */
public final class LineType {
    /** First line of a run: version, pid, Java version, the options in force. */
    public static final String START = "start";
    /** A new site, with the details of its first occurrence. */
    public static final String FINDING = "finding";
    /** A grouped site's connection used from a new place. */
    public static final String USE = "use";
    /** A site's occurrences so far, at 2, 4, 8, ... */
    public static final String COUNT = "count";
    /** A {@code HELD_TOO_LONG} resource closed after it was reported. */
    public static final String CLOSED_AFTER_REPORT = "closedAfterReport";
    /** connguard's first own error. */
    public static final String INTERNAL_ERROR = "internalError";
    /** Last line of a run: the counts per kind and site. */
    public static final String SUMMARY = "summary";

    private LineType() {}
}
