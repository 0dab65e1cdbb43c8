package io.connguard.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The sites of this run, deduplicated: a repeated finding costs one lookup here and one increment on its site. */
final class SiteTable {
    private final ConcurrentHashMap<SiteKey, SiteKey> sites = new ConcurrentHashMap<>();

    /** Adds {@code probe} as a new site and returns null, or returns the site equal to it seen before. */
    SiteKey putIfAbsent(SiteKey probe) {
        return sites.putIfAbsent(probe, probe);
    }

    /** One snapshot of every site's count, most occurrences first, then by key: the summary's line and log agree on it. */
    List<Map.Entry<SiteKey, Long>> snapshot() {
        List<Map.Entry<SiteKey, Long>> rows = new ArrayList<>();
        for (SiteKey s : sites.values()) rows.add(Map.entry(s, s.count.get()));
        rows.sort(Comparator.comparing((Map.Entry<SiteKey, Long> r) -> -r.getValue())
                            .thenComparing(r -> r.getKey().text()));
        return rows;
    }
}
