package io.connguard.contract;

/**
 * How a leak was found: the {@code detectedBy} of a {@code LEAK} finding, with the phrase the
 * human log and the phrase the {@code report} command's formats use for it.
 */
public enum LeakCause {
    GC(Names.GC, "unreachable while open (found by GC)", "was garbage-collected while still open"),
    OWNER_THREAD_ENDED(Names.OWNER_THREAD_ENDED, "never closed; its owner thread ended", "was still open when its owner thread ended"),
    EXIT(Names.EXIT, "still open at exit", "was still open at JVM exit"),
    PARENT_CLOSED(Names.PARENT_CLOSED, "still open when its connection was closed", "was still open when its connection was closed"),
    HELD_TOO_LONG(Names.HELD_TOO_LONG, "open too long", "was held open longer than the leak threshold");

    /** The names as compile-time constants, for the bootstrap runtime (see {@link Kind.Names}). */
    public static final class Names {
        public static final String GC = "GC";
        public static final String OWNER_THREAD_ENDED = "OWNER_THREAD_ENDED";
        public static final String EXIT = "EXIT";
        public static final String PARENT_CLOSED = "PARENT_CLOSED";
        public static final String HELD_TOO_LONG = "HELD_TOO_LONG";

        private Names() {}
    }

    /** The human log's phrase for a cause it cannot name. */
    public static final String LOG_UNKNOWN = "never closed";
    /** The formats' phrase for a leak whose line names no cause. */
    public static final String REPORT_NONE = "and never closed";

    /** The name in the report's {@code detectedBy} fields and in site keys. */
    public final String json;
    /** The human log's phrase: what was still true of the resource when it was found. */
    public final String logPhrase;
    /** The formats' phrase, continuing "Connection opened by ... at ...". */
    public final String reportPhrase;

    LeakCause(String json, String logPhrase, String reportPhrase) {
        this.json = json;
        this.logPhrase = logPhrase;
        this.reportPhrase = reportPhrase;
    }

    /** The cause a report names {@code json}, or null for none or a name this version does not know. */
    public static LeakCause of(String json) {
        for (LeakCause c : values()) if (c.json.equals(json)) return c;
        return null;
    }

    /** The formats' phrase for {@code json} (null: no cause named); an unknown cause is named in it. */
    public static String reportPhraseOf(String json) {
        if (json == null) return REPORT_NONE;
        LeakCause c = of(json);
        return c == null ? "was never closed (" + json + ")" : c.reportPhrase;
    }
}
