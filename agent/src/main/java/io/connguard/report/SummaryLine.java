package io.connguard.report;

import java.util.List;
import java.util.Map;

import io.connguard.contract.Field;
import io.connguard.contract.LineType;

/** The report's last line: occurrences in all and per kind, every site with its count and, for grouped sites, its places. */
final class SummaryLine {
    private SummaryLine() {}

    /**
     * {@code rows}: the sites and their counts, as {@link SiteTable#snapshot} gives them; {@code kinds}:
     * occurrences per kind; {@code ignore}: the {@code ignore} option's counts, written when it has
     * patterns, with {@code ignoredTotal} their sum.
     */
    static String of(List<Map.Entry<SiteKey, Long>> rows, Map<String, Long> kinds, long total, long errors,
                     IgnoreCounts ignore, long ignoredTotal) {
        JsonLine line = new JsonLine().beginObject()
                .field(Field.TYPE, LineType.SUMMARY)
                .field(Field.TIME, FindingLines.now())
                .field(Field.FINDINGS, total)
                .field(Field.INTERNAL_ERRORS, errors)
                .name(Field.KINDS).beginObject();
        for (Map.Entry<String, Long> e : kinds.entrySet()) line.field(e.getKey(), e.getValue());
        line.endObject().name(Field.SITES).beginArray();
        for (Map.Entry<SiteKey, Long> r : rows) {
            SiteKey s = r.getKey();
            line.beginObject().field(Field.SITE, s.text()).field(Field.KIND, s.kind).field(Field.DETECTED_BY, s.detectedBy)
                .field(Field.COUNT, r.getValue());
            if (s.groupsUses()) uses(line, s);
            line.endObject();
        }
        line.endArray();
        if (!ignore.isEmpty()) ignore.write(line, ignoredTotal);
        return line.endObject().toString();
    }

    /** A grouped site's places: where, on what, how often, by which threads (the first few). */
    private static void uses(JsonLine line, SiteKey s) {
        line.name(Field.USES).beginArray();
        for (Use u : s.places()) {
            line.beginObject().field(Field.METHOD, u.method).field(Field.RESOURCE, u.resource);
            FindingLines.frames(line, Field.ACTED_AT, u.actedAt);
            line.name(Field.THREADS).beginArray();
            for (String t : u.threads()) line.value(t);
            line.endArray().field(Field.COUNT, u.count.get()).endObject();
        }
        line.endArray();
        if (s.elsewhere.get() > 0) line.field(Field.USES_ELSEWHERE, s.elsewhere.get());
    }
}
