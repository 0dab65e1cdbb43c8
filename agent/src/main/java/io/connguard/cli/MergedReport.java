package io.connguard.cli;

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
    static final Comparator<Site> WORST_FIRST = Comparator.<Site>comparingLong(s -> -s.count)
        .thenComparingInt(s -> Kind.rank(s.kind))
        .thenComparing(s -> s.key);

    final List<String> files;
    final List<Site> sites;
    final Set<String> agentVersions;
    final int runs;

    MergedReport(List<String> files, List<Site> sites, Set<String> agentVersions, int runs) {
        this.files = Collections.unmodifiableList(new ArrayList<>(files));
        List<Site> sorted = new ArrayList<>(sites);
        sorted.sort(WORST_FIRST);
        this.sites = Collections.unmodifiableList(sorted);
        this.agentVersions = Collections.unmodifiableSet(new LinkedHashSet<>(agentVersions));
        this.runs = runs;
    }

    long findings() {
        long n = 0;
        for (Site s : sites) n += s.count;
        return n;
    }

    /** Occurrences per kind, in the order of {@link Kind}, then any kind this version does not know. */
    Map<String, Long> kinds() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Kind k : Kind.values()) out.put(k.name(), 0L);
        for (Site s : sites) out.merge(s.kind, s.count, Long::sum);
        out.values().removeIf(n -> n == 0);
        return out;
    }

    /** "LEAK 4, CROSS_THREAD_USE 1". */
    String kindsLine() {
        StringBuilder b = new StringBuilder();
        kinds().forEach((k, n) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(n));
        return b.toString();
    }
}
