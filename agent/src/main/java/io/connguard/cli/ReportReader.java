package io.connguard.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.connguard.contract.Field;
import io.connguard.contract.Kind;
import io.connguard.contract.LineType;
import io.connguard.runtime.ThreadInfo;

/**
 * Reads JSON lines reports and merges them by site. A report file holds one run or, when runs
 * appended to the same file, several, each beginning with its {@code start} line. A run's counts
 * are its {@code summary} line's; a run without one (the JVM was killed) takes them from its
 * finding and {@code count} lines, with a warning that they may be low.
 * A line that is not a complete JSON object is skipped with a warning: a fork killed mid-write
 * leaves a truncated last line, and the rest of its report is still good. A file that does not
 * begin with a {@code start} line (empty, another program's JSON, a start line cut off) is not a
 * report at all: {@link NotAReportException}, since merging it as "no findings" would pass a gate
 * on nothing.
 */
final class ReportReader {
    /** Warnings per file before the rest are only counted: a wrong file should not flood the terminal. */
    private static final int MAX_WARNINGS_PER_FILE = 10;

    private final PrintStream warnings;
    private final Map<String, MergedSite> sites = new LinkedHashMap<>();
    private final List<String> files = new ArrayList<>();
    private final Set<String> versions = new LinkedHashSet<>();
    /** Findings the agents' {@code ignore} option left out: per pattern, per kind, summed over the runs. */
    private final Map<String, Map<String, Long>> ignored = new LinkedHashMap<>();
    private int runs;
    private long internalErrors;
    /** The first internal error of each run that wrote one, as written, distinct, at most {@link MergedReport#INTERNAL_ERROR_TEXTS}. */
    private final Set<String> internalErrorTexts = new LinkedHashSet<>();

    ReportReader(PrintStream warnings) {
        this.warnings = warnings;
    }

    MergedReport merged() {
        return new MergedReport(files, new ArrayList<>(sites.values()), versions, runs, ignored, internalErrors,
            new ArrayList<>(internalErrorTexts));
    }

    void read(Path file) throws IOException {
        read(file, file.toString());
    }

    /**
     * Reads one report; {@code name} is how warnings and the output call it (the path as the user gave it).
     * Throws {@link NotAReportException}, and merges nothing of the file, when it has no connguard
     * {@code start} line before its first other report line.
     */
    void read(Path file, String name) throws IOException {
        // damaged UTF-8 (a line cut inside a character) becomes U+FFFD; the JSON check then judges the line
        String text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
            .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        Run run = new Run();
        // said once the file proves to hold report lines: of a file with none, the one line that says so
        List<String> skipped = new ArrayList<>();
        int warned = 0;
        int reportLines = 0;
        int lineNo = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            boolean last = end < 0;
            if (last) end = text.length();
            String line = text.substring(start, end);
            start = end + 1;
            lineNo++;
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            if (line.trim().isEmpty()) continue;
            String problem;
            Map<String, Object> object = null;
            try {
                Object value = JsonReader.parse(line);
                if (value instanceof Map && ((Map<?, ?>) value).get(Field.TYPE) instanceof String) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) value;
                    object = map;
                    problem = lineProblem(object);
                } else {
                    problem = "not a connguard report line (no \"type\")";
                }
            } catch (JsonReader.JsonException e) {
                problem = (last ? "truncated or malformed (" : "malformed (") + e.getMessage() + ")";
            }
            if (problem != null) {
                if (++warned <= MAX_WARNINGS_PER_FILE) skipped.add("connguard report: " + name + ":" + lineNo + ": skipped, " + problem);
                continue;
            }
            reportLines++;
            String type = (String) object.get(Field.TYPE);
            if (reportLines == 1) {
                if (!type.equals(LineType.START)) {
                    for (String skip : skipped) warnings.println(skip); // a damaged report: they show what was cut
                    throw new NotAReportException("connguard report: " + name + ":" + lineNo + ": not a connguard report: its first report line is \""
                        + type + "\", not \"start\" (the start line cut off, or lines from another program)");
                }
                files.add(name);
            }
            if (type.equals(LineType.START) && run.started) {
                run.finish();
                run = new Run();
            }
            run.add(type, object);
        }
        if (text.isEmpty()) {
            throw new NotAReportException("connguard report: " + name + ": empty; the agent writes its \"start\" line first, so it could not"
                + " write this report (a full disk, a read-only directory) or the JVM stopped before the agent started");
        }
        if (reportLines == 0) {
            throw new NotAReportException("connguard report: " + name + ": not a connguard report (no connguard report lines in it)");
        }
        for (String line : skipped) warnings.println(line);
        if (warned > MAX_WARNINGS_PER_FILE) {
            warnings.println("connguard report: " + name + ": " + (warned - MAX_WARNINGS_PER_FILE) + " more lines skipped");
        }
        run.finish();
    }

    /** A file that is not a connguard report; the message names it and says why. */
    static final class NotAReportException extends IOException {
        private static final long serialVersionUID = 1L;

        NotAReportException(String message) {
            super(message);
        }
    }

    /** Null when the line has what its type needs; unknown types pass, for reports of newer agents. */
    private static String lineProblem(Map<String, Object> line) {
        String type = (String) line.get(Field.TYPE);
        if (type.equals(LineType.FINDING)) {
            if (!(line.get(Field.KIND) instanceof String)) return "finding without \"kind\"";
            if (!(line.get(Field.SITE) instanceof String)) return "finding without \"site\"";
        } else if (type.equals(LineType.USE)) {
            if (!(line.get(Field.SITE) instanceof String)) return "use without \"site\"";
        } else if (type.equals(LineType.SUMMARY)) {
            if (!(line.get(Field.SITES) instanceof List)) return "summary without \"sites\"";
        }
        return null;
    }

    /** The lines of one JVM's run, counted when the run is complete. */
    private final class Run {
        boolean started;
        final Map<String, Long> findingLines = new LinkedHashMap<>();
        /** The highest {@code count} a finding or count line gave each site: occurrences so far. */
        final Map<String, Long> countsSoFar = new HashMap<>();
        final Map<Long, String> siteByResource = new HashMap<>();
        final List<Map<String, Object>> summaries = new ArrayList<>();
        final List<Map<String, Object>> closedLater = new ArrayList<>();
        long internalErrorLines;
        /** Per grouped site, the finding and use lines that name a place, counted when no summary lists its uses. */
        final Map<String, List<Map<String, Object>>> places = new LinkedHashMap<>();

        void add(String type, Map<String, Object> line) {
            switch (type) {
                case LineType.START:
                    started = true;
                    if (line.get(Field.VERSION) instanceof String) versions.add((String) line.get(Field.VERSION));
                    break;
                case LineType.FINDING: {
                    String key = (String) line.get(Field.SITE);
                    MergedSite site = site(key, (String) line.get(Field.KIND), ReportValues.string(line.get(Field.DETECTED_BY)));
                    if (!site.hasDetails()) site.finding = new ReportedFinding(line);
                    findingLines.merge(key, 1L, Long::sum);
                    countSoFar(key, line.get(Field.COUNT));
                    if (line.get(Field.RESOURCE_ID) instanceof Long) siteByResource.put((Long) line.get(Field.RESOURCE_ID), key);
                    if (Kind.isUse(site.kind)) places.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
                    break;
                }
                case LineType.USE: {
                    // a grouped site's connection used from a new place: an occurrence of that site
                    String key = (String) line.get(Field.SITE);
                    site(key, ReportValues.string(line.get(Field.KIND)), null);
                    findingLines.merge(key, 1L, Long::sum);
                    places.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
                    break;
                }
                case LineType.SUMMARY:
                    summaries.add(line);
                    break;
                case LineType.CLOSED_AFTER_REPORT:
                    closedLater.add(line);
                    break;
                case LineType.INTERNAL_ERROR:
                    internalErrorLines++;
                    if (line.get(Field.ERROR) instanceof String && internalErrorTexts.size() < MergedReport.INTERNAL_ERROR_TEXTS) {
                        internalErrorTexts.add((String) line.get(Field.ERROR));
                    }
                    break;
                case LineType.COUNT:
                    // only for a site whose finding line came first; a count alone has nothing to show
                    if (line.get(Field.SITE) instanceof String && findingLines.containsKey(line.get(Field.SITE))) {
                        countSoFar((String) line.get(Field.SITE), line.get(Field.COUNT));
                    }
                    break;
                default:
                    // a line type of a newer agent: nothing this version can show
            }
        }

        void countSoFar(String key, Object count) {
            if (count instanceof Long) countsSoFar.merge(key, (Long) count, Math::max);
        }

        void finish() {
            if (!started && findingLines.isEmpty() && summaries.isEmpty()) return;
            runs++;
            String file = files.get(files.size() - 1);
            if (summaries.isEmpty()) {
                warnings.println("connguard report: " + file + ": no summary line (the JVM was killed, or is still running);"
                    + " its counts are taken from its finding lines and may be low");
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            // the summary counts every internal error; only the first is written as a line of its own
            long counted = 0;
            for (Map<String, Object> summary : summaries) {
                if (summary.get(Field.INTERNAL_ERRORS) instanceof Long) counted += (Long) summary.get(Field.INTERNAL_ERRORS);
            }
            internalErrors += Math.max(counted, internalErrorLines);
            for (Map<String, Object> summary : summaries) ignored(summary.get(Field.IGNORED));
            for (Map<String, Object> summary : summaries) {
                for (Object o : (List<?>) summary.get(Field.SITES)) {
                    if (!(o instanceof Map)) continue;
                    Map<?, ?> s = (Map<?, ?>) o;
                    if (!(s.get(Field.SITE) instanceof String) || !(s.get(Field.KIND) instanceof String) || !(s.get(Field.COUNT) instanceof Long)) continue;
                    String key = (String) s.get(Field.SITE);
                    MergedSite site = site(key, (String) s.get(Field.KIND), ReportValues.string(s.get(Field.DETECTED_BY)));
                    counts.merge(key, (Long) s.get(Field.COUNT), Long::sum);
                    places.remove(key); // the summary's counts are the whole run's; an older agent's lists no uses
                    if (s.get(Field.USES) instanceof List) {
                        for (Object u : (List<?>) s.get(Field.USES)) {
                            if (!(u instanceof Map)) continue;
                            Map<?, ?> use = (Map<?, ?>) u;
                            site.use(ReportValues.string(use.get(Field.METHOD)), ReportValues.string(use.get(Field.RESOURCE)), ReportValues.strings(use.get(Field.ACTED_AT)),
                                ReportValues.strings(use.get(Field.THREADS)), use.get(Field.COUNT) instanceof Long ? (Long) use.get(Field.COUNT) : 1);
                        }
                    }
                }
            }
            // no summary (a killed JVM): each line that named a place is one use there
            places.forEach((key, lines) -> {
                for (Map<String, Object> line : lines) {
                    ThreadInfo actor = ReportValues.thread(line.get(Field.ACTOR));
                    sites.get(key).use(ReportValues.string(line.get(Field.METHOD)), ReportValues.string(line.get(Field.RESOURCE)), ReportValues.strings(line.get(Field.ACTED_AT)),
                        actor == null ? List.of() : List.of(actor.toString()), 1);
                }
            });
            // a finding the summary does not list (written after it, or no summary at all) counts as
            // its lines, or the occurrences so far its lines gave, whichever is more
            findingLines.forEach((key, lines) -> counts.putIfAbsent(key, Math.max(lines, countsSoFar.getOrDefault(key, 0L))));
            counts.forEach((key, n) -> {
                MergedSite site = sites.get(key);
                site.count += n;
                site.reports.add(file);
            });
            for (Map<String, Object> line : closedLater) {
                Object id = line.get(Field.RESOURCE_ID);
                MergedSite site = id instanceof Long ? sites.get(siteByResource.get(id)) : null;
                if (site == null) continue;
                site.closedLater++;
                if (line.get(Field.HELD_MILLIS) instanceof Long) site.maxHeldMillis = Math.max(site.maxHeldMillis, (Long) line.get(Field.HELD_MILLIS));
            }
        }
    }

    /** A summary's {@code ignored} object: {@code {"findings":N,"patterns":[{"pattern":P,"kinds":{KIND:N}}]}}. */
    private void ignored(Object value) {
        if (!(value instanceof Map) || !(((Map<?, ?>) value).get(Field.PATTERNS) instanceof List)) return;
        for (Object o : (List<?>) ((Map<?, ?>) value).get(Field.PATTERNS)) {
            if (!(o instanceof Map) || !(((Map<?, ?>) o).get(Field.PATTERN) instanceof String)) continue;
            Map<?, ?> p = (Map<?, ?>) o;
            Map<String, Long> perKind = ignored.computeIfAbsent((String) p.get(Field.PATTERN), k -> new LinkedHashMap<>());
            if (!(p.get(Field.KINDS) instanceof Map)) continue;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) p.get(Field.KINDS)).entrySet()) {
                if (e.getValue() instanceof Long) perKind.merge(String.valueOf(e.getKey()), (Long) e.getValue(), Long::sum);
            }
        }
    }

    private MergedSite site(String key, String kind, String detectedBy) {
        return sites.computeIfAbsent(key, k -> new MergedSite(k, kind, detectedBy));
    }
}
