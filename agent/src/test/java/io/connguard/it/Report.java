package io.connguard.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.opentest4j.AssertionFailedError;

/**
 * The agent's JSON lines report: a {@code start} line, {@code finding} and {@code closedAfterReport}
 * lines as they happen, a {@code summary} line at exit. Every failing check prints the whole run.
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunResult run;
    private final List<JsonNode> lines = new ArrayList<>();
    private final List<String> malformed = new ArrayList<>();

    Report(String text, RunResult run) {
        this.run = run;
        for (String line : RunResult.lines(text)) {
            try {
                JsonNode node = JSON.readTree(line);
                if (node == null || !node.isObject()) malformed.add(line);
                else lines.add(node);
            } catch (Exception e) {
                malformed.add(line + "   <-- " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    public List<JsonNode> lines() {
        if (!malformed.isEmpty()) throw fail("report lines that are not JSON objects:\n  " + String.join("\n  ", malformed));
        return lines;
    }

    public JsonNode start() {
        List<JsonNode> all = lines();
        if (all.isEmpty() || !"start".equals(all.get(0).path("type").asText())) throw fail("the first report line is not a start line");
        return all.get(0);
    }

    public JsonNode summary() {
        List<JsonNode> all = lines();
        if (all.isEmpty() || !"summary".equals(all.get(all.size() - 1).path("type").asText())) {
            throw fail("the last report line is not a summary line (did the agent's exit hook run?)");
        }
        return all.get(all.size() - 1);
    }

    public List<FindingLine> findings() {
        return lines().stream().filter(n -> "finding".equals(n.path("type").asText()))
                .map(n -> new FindingLine(n, this)).collect(Collectors.toList());
    }

    /**
     * Every place a grouped kind ({@code CROSS_THREAD_USE}, {@code CONCURRENT_USE}) was found at:
     * the finding line of each site and the {@code use} lines of its further places.
     */
    public List<FindingLine> places(String kind) {
        return lines().stream().filter(n -> ("finding".equals(n.path("type").asText()) || "use".equals(n.path("type").asText()))
                        && kind.equals(n.path("kind").asText()))
                .map(n -> new FindingLine(n, this)).collect(Collectors.toList());
    }

    /** Exactly one place of {@link #places} that matches. */
    public FindingLine place(String kind, String what, Predicate<FindingLine> p) {
        List<FindingLine> matching = places(kind).stream().filter(p).collect(Collectors.toList());
        if (matching.size() != 1) throw fail("expected exactly one place for " + what + ", found " + matching.size());
        return matching.get(0);
    }

    public List<FindingLine> findings(String kind) {
        return where(f -> kind.equals(f.kind()));
    }

    public List<FindingLine> findings(String kind, String detectedBy) {
        return where(f -> kind.equals(f.kind()) && Objects.equals(detectedBy, f.detectedBy()));
    }

    public List<FindingLine> where(Predicate<FindingLine> p) {
        return findings().stream().filter(p).collect(Collectors.toList());
    }

    /** Exactly one finding line of that kind (and detectedBy, for leaks). */
    public FindingLine only(String kind, String detectedBy) {
        return single(kind + (detectedBy == null ? "" : " / " + detectedBy),
                f -> kind.equals(f.kind()) && Objects.equals(detectedBy, f.detectedBy()));
    }

    public FindingLine only(String kind) {
        return single(kind, f -> kind.equals(f.kind()));
    }

    public FindingLine single(String what, Predicate<FindingLine> p) {
        List<FindingLine> matching = where(p);
        if (matching.size() != 1) throw fail("expected exactly one finding line for " + what + ", found " + matching.size());
        return matching.get(0);
    }

    public List<JsonNode> closedAfterReport() {
        return lines().stream().filter(n -> "closedAfterReport".equals(n.path("type").asText())).collect(Collectors.toList());
    }

    /** Start line, summary line, and not a single finding: what a correct program gets. */
    public void assertClean() {
        start();
        summary();
        List<FindingLine> all = findings();
        if (!all.isEmpty()) throw fail("a correct program got " + all.size() + " finding(s); expected none");
    }

    /**
     * How many times the agent saw {@code kind} with {@code detectedBy} (null: a kind that has none) in
     * the whole run: the sum of the summary's {@code sites} entries of exactly that kind and way.
     */
    public long totalCount(String kind, String detectedBy) {
        JsonNode sites = summary().path("sites");
        if (!sites.isArray()) throw fail("the summary has no \"sites\" array");
        long total = 0;
        for (JsonNode site : sites) {
            String siteDetectedBy = site.path("detectedBy").isTextual() ? site.path("detectedBy").asText() : null;
            if (kind.equals(site.path("kind").asText()) && Objects.equals(detectedBy, siteDetectedBy)) {
                total += site.path("count").asLong();
            }
        }
        return total;
    }

    /**
     * The summary is the last line and tells the same story as the lines before it: one entry per
     * finding line's site and none other, and totals that add up.
     */
    public void assertSummaryAgreesWithFindings() {
        JsonNode summary = summary();
        Map<String, Long> bySite = new java.util.HashMap<>();
        long sum = 0;
        for (JsonNode site : summary.path("sites")) {
            bySite.put(site.path("site").asText(), site.path("count").asLong());
            sum += site.path("count").asLong();
        }
        long kinds = 0;
        for (JsonNode k : summary.path("kinds")) kinds += k.asLong();
        if (summary.path("findings").asLong() != sum || kinds != sum) {
            throw fail("the summary's totals disagree: findings " + summary.path("findings") + ", kinds " + kinds + ", sites " + sum);
        }
        java.util.Set<String> lineSites = findings().stream().map(FindingLine::site).collect(Collectors.toSet());
        if (!lineSites.equals(bySite.keySet())) {
            throw fail("the summary's sites " + bySite.keySet() + " are not the finding lines' sites " + lineSites);
        }
    }

    AssertionFailedError fail(String message) {
        return new AssertionFailedError(message + run.explain());
    }
}
