package io.connguard.cli;

import io.connguard.contract.SiteKeyFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One site across all reports, as the {@code report} command merged it: the kind, the finding of
 * its first finding line, and how often it happened in total. The finding comes from the first
 * report that had a finding line for it; a site known only from a summary (its finding line was
 * damaged) has a count and {@link ReportedFinding#NONE}.
 */
final class MergedSite {
    final String key;
    final String kind;
    final String detectedBy;
    long count;
    final Set<String> reports = new LinkedHashSet<>();
    ReportedFinding finding = ReportedFinding.NONE;
    /** Uses ({@code CROSS_THREAD_USE}, {@code CONCURRENT_USE}): where the connection was used from, merged over all reports. */
    final Map<String, SiteUse> uses = new LinkedHashMap<>();
    /** Which of the finding's application frames locates the site: 0 unless other sites share its first frames. */
    int locationDepth;
    /** HELD_TOO_LONG resources of this site closed after the report, and the longest such hold. */
    long closedLater;
    long maxHeldMillis;
    /** Accepted in the baseline given to the report command: shown as known, not failing the gate. */
    boolean baselined;

    MergedSite(String key, String kind, String detectedBy) {
        this.key = key;
        this.kind = kind;
        this.detectedBy = detectedBy;
    }

    /** Whether a finding line of the site was read: without one, only its key, kind and count are known. */
    boolean hasDetails() {
        return finding != ReportedFinding.NONE;
    }

    /** The site's identity across runs: its key without line numbers (baselines, SARIF fingerprints). */
    String identity() {
        return SiteKeyFormat.identity(key);
    }

    /**
     * Adds {@code n} uses at the place a {@code finding}, {@code use} or summary {@code uses} entry
     * describes; {@code threads} are as the report writes threads.
     */
    void use(String method, String resource, List<String> actedAt, List<String> threads, long n) {
        String place = method + " " + resource + " " + actedAt;
        SiteUse u = uses.computeIfAbsent(place, k -> new SiteUse(method, resource, actedAt));
        u.count += n;
        u.threads.addAll(threads);
    }

    /**
     * The application frame the site is located at: in the stack it was created by (a statement's
     * own line, else its connection's; else where it was used), the first frame of the
     * application, or a deeper one when other sites share the first (see {@link MergedReport}).
     */
    ReportedFrame location() {
        List<ReportedFrame> frames = finding.applicationFrames();
        return frames.isEmpty() ? null : frames.get(Math.min(locationDepth, frames.size() - 1));
    }
}
