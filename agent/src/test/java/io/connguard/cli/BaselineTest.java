package io.connguard.cli;

import static io.connguard.cli.ReportLines.CLOSE_SITE;
import static io.connguard.cli.ReportLines.CROSS_SITE;
import static io.connguard.cli.ReportLines.LEAK_SITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
    @TempDir
    Path dir;

    private MergedReport report(String name, String... lines) throws IOException {
        ReportReader reader = new ReportReader(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        reader.read(ReportLines.write(dir, name, lines));
        return reader.merged();
    }

    private MergedReport threeKinds() throws IOException {
        return report("1.jsonl", ReportLines.start(1), ReportLines.crossThread(), ReportLines.leak(3, "w-1"), ReportLines.wrongThreadClose(),
            ReportLines.summary(LEAK_SITE, 40, CROSS_SITE, 2, CLOSE_SITE, 1));
    }

    private Baseline baselineOf(MergedReport r) throws Exception {
        Path file = dir.resolve("connguard-baseline.json");
        Files.writeString(file, Baseline.write(r.sites));
        return Baseline.read(file, "connguard-baseline.json");
    }

    @Test
    void theFileIsSortedByIdentityWithoutLinesOrCountsAndTheSameForTheSameSites() throws Exception {
        String text = Baseline.write(threeKinds().sites);
        JsonNode doc = new ObjectMapper().readTree(text);
        assertEquals("connguard-baseline", doc.get("format").asText());
        assertEquals(1, doc.get("version").asInt());
        JsonNode sites = doc.get("sites");
        assertEquals(3, sites.size());
        assertEquals("CROSS_THREAD_USE Connection com.example.Orders.load(Orders.java) -> com.example.Orders.lambda$save$0(Orders.java)",
            sites.get(0).get("identity").asText());
        assertEquals("LEAK", sites.get(1).get("kind").asText());
        assertEquals("OWNER_THREAD_ENDED", sites.get(1).get("detectedBy").asText());
        assertEquals("Connection", sites.get(1).get("resource").asText());
        assertEquals("WRONG_THREAD_CLOSE", sites.get(2).get("kind").asText());
        assertFalse(text.matches("(?s).*\\.java:\\d+.*"), "no line numbers: " + text);
        assertFalse(text.contains("count"), text);
        assertTrue(text.contains("\n    {\n      \"kind\""), "one field per line, for a readable diff: " + text);
        assertEquals(text, Baseline.write(report("2.jsonl", ReportLines.start(2), ReportLines.wrongThreadClose(), ReportLines.leak(9, "w-2"),
            ReportLines.crossThread()).sites), "the same sites in another order and count give the same bytes");
    }

    @Test
    void aBaselineKnowsItsSitesAfterTheirLinesMovedButNotANewKindAtAKnownPlace() throws Exception {
        Baseline b = baselineOf(threeKinds());
        MergedReport moved = report("moved.jsonl", ReportLines.start(2),
            ReportLines.leak(3, "w-1").replace("Worker.java:19", "Worker.java:23"),
            ReportLines.leak(3, "w-1").replace("Worker.java:19", "Worker.java:23").replace("LEAK", "WRONG_THREAD_CLOSE")
                .replace("WRONG_THREAD_CLOSE/OWNER_THREAD_ENDED", "WRONG_THREAD_CLOSE"));
        assertEquals(2, moved.sites.size());
        for (MergedSite s : moved.sites) assertEquals(s.kind.equals("LEAK"), b.knows(s), s.key);
        List<Baseline.Entry> fixed = b.notSeenIn(moved.sites);
        assertEquals(List.of("CROSS_THREAD_USE", "WRONG_THREAD_CLOSE"), fixed.stream().map(e -> e.kind).toList());
    }

    @Test
    void howALeakWasFoundDoesNotMakeItNew() throws Exception {
        Baseline b = baselineOf(threeKinds());
        MergedReport byGc = report("gc.jsonl", ReportLines.start(2), ReportLines.leak(3, "w-1").replace("OWNER_THREAD_ENDED", "GC"));
        assertTrue(b.knows(byGc.sites.get(0)), "GC or owner thread ended depends on timing, not on the code");
    }
}
