package io.connguard.report;

import java.util.regex.Pattern;

/**
 * A site's identity across runs: its key without line numbers, so that an edit elsewhere in a
 * file does not make a known site new (baselines, SARIF {@code partialFingerprints}). Two sites
 * that differ only by lines in the same methods share an identity; within a run they stay apart.
 */
public final class SiteIdentity {
    /** {@code :42)} at the end of a frame: the line number, dropped. */
    private static final Pattern LINE = Pattern.compile(":\\d+\\)");

    private SiteIdentity() {}

    /**
     * The identity of a site key as a report's {@code site} field writes it
     * ({@code LEAK/EXIT Connection com.example.Db.open(Db.java:40) < com.example.Orders.load(Orders.java:12)}
     * becomes {@code LEAK/EXIT Connection com.example.Db.open(Db.java) < com.example.Orders.load(Orders.java)}).
     * Null in, null out.
     */
    public static String of(String siteKey) {
        return siteKey == null ? null : LINE.matcher(siteKey).replaceAll(")");
    }
}
