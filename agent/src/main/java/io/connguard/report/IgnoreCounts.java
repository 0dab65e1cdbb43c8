package io.connguard.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.connguard.contract.Field;
import io.connguard.options.IgnorePattern;
import io.connguard.runtime.Finding;
import io.connguard.runtime.Stacks;

/**
 * The {@code ignore} option at work: which pattern leaves a finding out, and per pattern (in the
 * order given) and kind how many it left out, for the summary. Patterns are fixed at start, so
 * the map's keys never change; the counts are concurrent.
 */
final class IgnoreCounts {
    private final Map<IgnorePattern, ConcurrentHashMap<String, LongAdder>> counts = new LinkedHashMap<>();

    IgnoreCounts(List<IgnorePattern> patterns) {
        for (IgnorePattern p : patterns) counts.put(p, new ConcurrentHashMap<>());
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    /**
     * The first pattern that matches an application frame of the finding's stacks (where the
     * resource and its connection were opened, where it was used or closed), or null.
     */
    IgnorePattern matching(Finding f) {
        if (counts.isEmpty()) return null;
        for (IgnorePattern p : counts.keySet()) {
            if (matchesAny(p, f.kind, f.createdAt) || matchesAny(p, f.kind, f.connectionCreatedAt)
                    || matchesAny(p, f.kind, f.actedAt)) return p;
        }
        return null;
    }

    private static boolean matchesAny(IgnorePattern p, String kind, StackTraceElement[] frames) {
        if (frames == null) return false;
        for (StackTraceElement e : frames) {
            if (Stacks.isApplicationFrame(e) && p.matches(kind, e.getClassName(), e.getMethodName())) return true;
        }
        return false;
    }

    /** Counts one finding of {@code kind} that {@code pattern} (one of this option's) left out. */
    void count(IgnorePattern pattern, String kind) {
        counts.get(pattern).computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** The findings left out, over all patterns and kinds. */
    long total() {
        long total = 0;
        for (Map<String, LongAdder> perKind : counts.values()) {
            for (LongAdder n : perKind.values()) total += n.sum();
        }
        return total;
    }

    /** {@code "ignored":{"findings":5,"patterns":[{"pattern":"LEAK:com.acme.legacy.*","kinds":{"LEAK":5}}]}}: every pattern, also one that matched nothing. */
    void write(JsonLine line, long total) {
        line.name(Field.IGNORED).beginObject().field(Field.FINDINGS, total).name(Field.PATTERNS).beginArray();
        for (Map.Entry<IgnorePattern, ConcurrentHashMap<String, LongAdder>> e : counts.entrySet()) {
            line.beginObject().field(Field.PATTERN, e.getKey().toString()).name(Field.KINDS).beginObject();
            for (Map.Entry<String, LongAdder> n : new TreeMap<>(e.getValue()).entrySet()) line.field(n.getKey(), n.getValue().sum());
            line.endObject().endObject();
        }
        line.endArray().endObject();
    }
}
