package io.connguard.cli;

import io.connguard.contract.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The sites of one or more reports, deduplicated by site, worst first. */
final class MergedReport {
    /** Most occurrences first; then the more serious kind; then by site, so the order is stable. */
    static final Comparator<MergedSite> WORST_FIRST = Comparator.<MergedSite>comparingLong(s -> -s.count)
        .thenComparingInt(s -> Kind.rank(s.kind))
        .thenComparing(s -> s.key);

    final List<String> files;
    final List<MergedSite> sites;
    final Set<String> agentVersions;
    final int runs;
    /** Findings the agents' {@code ignore} option left out: per pattern as written, per kind. */
    final Map<String, Map<String, Long>> ignored;
    /** How many of its internal errors the agent met in these runs: above 0, detection was incomplete. */
    final long internalErrors;
    /** The first internal error of each run that wrote one, distinct, at most {@link #INTERNAL_ERROR_TEXTS}. */
    final List<String> internalErrorTexts;
    static final int INTERNAL_ERROR_TEXTS = 3;
    /** Set by {@link #compare}: the baseline as the user named it, null without one, and its entries not seen. */
    String baselineName;
    List<Baseline.Entry> fixed = List.of();

    MergedReport(List<String> files, List<MergedSite> sites, Set<String> agentVersions, int runs, Map<String, Map<String, Long>> ignored,
                 long internalErrors, List<String> internalErrorTexts) {
        this.files = Collections.unmodifiableList(new ArrayList<>(files));
        List<MergedSite> sorted = new ArrayList<>(sites);
        sorted.sort(WORST_FIRST);
        this.sites = Collections.unmodifiableList(sorted);
        locateApart(sorted);
        this.agentVersions = Collections.unmodifiableSet(new LinkedHashSet<>(agentVersions));
        this.runs = runs;
        this.ignored = Collections.unmodifiableMap(new LinkedHashMap<>(ignored));
        this.internalErrors = internalErrors;
        this.internalErrorTexts = List.copyOf(internalErrorTexts);
    }

    /** "2 internal errors of connguard's in these runs: detection was incomplete": what every format says when there were any. */
    String internalErrorsLine() {
        return TextFormat.plural(internalErrors, "internal error") + " of connguard's in these runs: detection was incomplete";
    }

    /**
     * Sites whose stacks begin at the same frames (two callers leaking through one helper) are
     * located at the first frame that tells each apart (the caller), not all at the helper: a
     * code-scanning UI shows one result per location, and the line to change is the caller's.
     */
    private static void locateApart(List<MergedSite> sites) {
        Map<String, List<MergedSite>> byFirst = new LinkedHashMap<>();
        Map<MergedSite, List<String>> frames = new java.util.HashMap<>();
        for (MergedSite s : sites) {
            List<String> texts = new ArrayList<>();
            for (ReportedFrame f : s.finding.applicationFrames()) texts.add(f.className + "." + f.method + ":" + f.line);
            frames.put(s, texts);
            if (!texts.isEmpty()) byFirst.computeIfAbsent(texts.get(0), k -> new ArrayList<>()).add(s);
        }
        for (List<MergedSite> group : byFirst.values()) {
            if (group.size() < 2) continue;
            for (MergedSite s : group) {
                List<String> mine = frames.get(s);
                int depth = 0;
                while (depth < mine.size() - 1 && sharedPrefix(mine, depth, group, frames)) depth++;
                s.locationDepth = depth;
            }
        }
    }

    /**
     * Whether a site of the group with other frames (not another kind at the same place) has the
     * same frames as {@code mine} up to {@code depth}.
     */
    private static boolean sharedPrefix(List<String> mine, int depth, List<MergedSite> group, Map<MergedSite, List<String>> frames) {
        for (MergedSite other : group) {
            List<String> theirs = frames.get(other);
            if (theirs.equals(mine)) continue;
            if (theirs.size() > depth && theirs.subList(0, depth + 1).equals(mine.subList(0, depth + 1))) return true;
        }
        return false;
    }

    /** Marks the sites {@code baseline} knows and keeps the entries it has that no site is. */
    void compare(Baseline baseline, String name) {
        baselineName = name;
        for (MergedSite s : sites) s.baselined = baseline.knows(s);
        fixed = Collections.unmodifiableList(baseline.notSeenIn(sites));
    }

    /** Sites {@link #compare} found in the baseline. */
    long knownSites() {
        return sites.stream().filter(s -> s.baselined).count();
    }

    long findings() {
        long n = 0;
        for (MergedSite s : sites) n += s.count;
        return n;
    }

    /** Occurrences per kind, in the order of {@link Kind}, then any kind this version does not know. */
    Map<String, Long> kinds() {
        return kinds(false);
    }

    /** As {@link #kinds()}, of the sites {@link #compare} did not find in the baseline: what a gate fails on. */
    Map<String, Long> kindsOutsideBaseline() {
        return kinds(true);
    }

    private Map<String, Long> kinds(boolean outsideBaselineOnly) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Kind k : Kind.values()) out.put(k.json, 0L);
        for (MergedSite s : sites) if (!outsideBaselineOnly || !s.baselined) out.merge(s.kind, s.count, Long::sum);
        out.values().removeIf(n -> n == 0);
        return out;
    }

    /** Findings the agents' {@code ignore} option left out, over all patterns. */
    long ignoredFindings() {
        long n = 0;
        for (Map<String, Long> perKind : ignored.values()) for (long k : perKind.values()) n += k;
        return n;
    }

    /** "LEAK 4, CROSS_THREAD_USE 1". */
    String kindsLine() {
        StringBuilder b = new StringBuilder();
        kinds().forEach((k, n) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(n));
        return b.toString();
    }
}
