package io.connguard.contract;

import java.util.regex.Pattern;

/**
 * A report's {@code site} key: {@code KIND[/CAUSE] RESOURCE CREATION[ -> ACTED]}, each stack its
 * application frames innermost first, joined by {@link #FRAMES}; for example
 * {@code LEAK/EXIT Connection com.example.Db.open(Db.java:40) < com.example.Orders.load(Orders.java:12)}.
 * The agent writes it, the {@code report} command keys on it and reads its identity.
 */
public final class SiteKeyFormat {
    /** Between the kind and how a leak was found. */
    public static final char CAUSE = '/';
    /** Between the kind, the resource and the creation's frames. */
    public static final char WORD = ' ';
    /** Between two frames of one stack. */
    public static final String FRAMES = " < ";
    /** Before the offending call's frames. */
    public static final String ACTED = " -> ";
    /** The creation of a site with no stack. */
    public static final String NO_STACK = "(no stack)";

    /** {@code :42)} at the end of a frame: the line number, dropped from an identity. */
    private static final Pattern LINE = Pattern.compile(":\\d+\\)");
    private static final String LEAK_BY_GC = Kind.Names.LEAK + CAUSE + LeakCause.Names.GC + WORD;
    private static final String LEAK_AT_EXIT = Kind.Names.LEAK + CAUSE + LeakCause.Names.EXIT + WORD;

    private SiteKeyFormat() {}

    /**
     * A site's identity across runs: its key without line numbers, so that an edit elsewhere in a
     * file does not make a known site new (baselines, SARIF {@code partialFingerprints});
     * {@code ... Db.open(Db.java:40) < ...} becomes {@code ... Db.open(Db.java) < ...}. Two sites that
     * differ only by lines in the same methods share an identity; within a run they stay apart.
     * A connection leak found by GC is the one found at exit in a run where the GC came later, so
     * {@code LEAK/GC} reads {@code LEAK/EXIT} in it. Null in, null out.
     */
    public static String identity(String siteKey) {
        if (siteKey == null) return null;
        String lineFree = LINE.matcher(siteKey).replaceAll(")");
        return lineFree.startsWith(LEAK_BY_GC) ? LEAK_AT_EXIT + lineFree.substring(LEAK_BY_GC.length()) : lineFree;
    }

    /** The kind a site key begins with ({@code LEAK} of {@code LEAK/EXIT Connection ...}). */
    public static String kindOf(String siteKey) {
        String first = firstWord(siteKey);
        int cause = first.indexOf(CAUSE);
        return cause < 0 ? first : first.substring(0, cause);
    }

    /** How the leak a site key names was found ({@code EXIT} of {@code LEAK/EXIT Connection ...}), or null. */
    public static String causeOf(String siteKey) {
        String first = firstWord(siteKey);
        int cause = first.indexOf(CAUSE);
        return cause < 0 ? null : first.substring(cause + 1);
    }

    private static String firstWord(String siteKey) {
        int end = siteKey.indexOf(WORD);
        return end < 0 ? siteKey : siteKey.substring(0, end);
    }
}
