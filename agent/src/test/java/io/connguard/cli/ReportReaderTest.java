package io.connguard.cli;

import static io.connguard.cli.ReportLines.CLOSE_SITE;
import static io.connguard.cli.ReportLines.CROSS_SITE;
import static io.connguard.cli.ReportLines.LEAK_SITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportReaderTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    private final ReportReader reader = new ReportReader(new PrintStream(warnings, true, StandardCharsets.UTF_8));

    private MergedReport read(Path... files) throws IOException {
        for (Path f : files) reader.read(f);
        return reader.merged();
    }

    private String warnings() {
        return warnings.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, Long> counts(MergedReport r) {
        return r.sites.stream().collect(Collectors.toMap(s -> s.key, s -> s.count));
    }

    @Test
    void aSiteInTwoForksIsOneSiteWithTheSummedCountsOfTheirSummaries() throws Exception {
        Path a = ReportLines.write(dir, "101.jsonl", ReportLines.start(101), ReportLines.crossThread(), ReportLines.leak(3, "w-1"),
            ReportLines.summary(LEAK_SITE, 40, CROSS_SITE, 2));
        Path b = ReportLines.write(dir, "102.jsonl", ReportLines.start(102), ReportLines.leak(9, "w-7"),
            ReportLines.summary(LEAK_SITE, 5));

        MergedReport r = read(a, b);

        assertEquals(Map.of(LEAK_SITE, 45L, CROSS_SITE, 2L), counts(r));
        assertEquals(List.of(LEAK_SITE, CROSS_SITE), r.sites.stream().map(s -> s.key).collect(Collectors.toList()), "worst first");
        MergedSite leak = r.sites.get(0);
        assertEquals("w-1", leak.finding.owner.name, "details come from the first report that has the site");
        assertEquals(List.of(a.toString(), b.toString()), List.copyOf(leak.reports));
        assertEquals(2, r.runs);
        assertEquals(47, r.findings());
        assertEquals("", warnings());
    }

    @Test
    void aForkKilledBeforeItsSummaryCountsItsFindingLines() throws Exception {
        Path complete = ReportLines.write(dir, "1.jsonl", ReportLines.start(1), ReportLines.crossThread(), ReportLines.summary(CROSS_SITE, 3));
        Path killed = ReportLines.write(dir, "2.jsonl", ReportLines.start(2), ReportLines.crossThread(), ReportLines.wrongThreadClose());

        MergedReport r = read(complete, killed);

        assertEquals(Map.of(CROSS_SITE, 4L, CLOSE_SITE, 1L), counts(r));
    }

    @Test
    void aTruncatedLastLineIsSkippedWithAWarningNamingFileAndLine() throws Exception {
        String cut = ReportLines.wrongThreadClose().substring(0, 120);
        Path f = ReportLines.writeCut(dir, "7.jsonl", ReportLines.start(7), ReportLines.crossThread(), cut);

        MergedReport r = read(f);

        assertEquals(Map.of(CROSS_SITE, 1L), counts(r));
        List<String> lines = warnings().lines().collect(Collectors.toList());
        assertEquals(2, lines.size(), warnings());
        assertTrue(lines.get(0).startsWith("connguard report: " + f + ":3: skipped, truncated"), lines.get(0));
        assertTrue(lines.get(1).startsWith("connguard report: " + f + ": no summary line"), lines.get(1));
    }

    @Test
    void aDamagedLineInTheMiddleIsSkippedAndTheRestIsRead() throws Exception {
        Path f = ReportLines.write(dir, "8.jsonl", ReportLines.start(8), "{\"type\":\"finding\",\"kind\":\"LEAK\"\u0000garbage",
            "not json at all", "[1,2,3]", ReportLines.crossThread(), ReportLines.summary(CROSS_SITE, 1));

        MergedReport r = read(f);

        assertEquals(Map.of(CROSS_SITE, 1L), counts(r));
        String w = warnings();
        assertTrue(w.contains(f + ":2: skipped, malformed"), w);
        assertTrue(w.contains(f + ":3: skipped, malformed"), w);
        assertTrue(w.contains(f + ":4: skipped, not a connguard report line"), w);
        assertEquals(3, w.lines().count(), w);
    }

    @Test
    void aLineCutInsideAMultiByteCharacterIsSkippedNotFatal() throws Exception {
        byte[] good = (ReportLines.start(1) + "\n" + ReportLines.crossThread() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] cut = "{\"type\":\"finding\",\"owner\":{\"name\":\"ワ".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[good.length + cut.length - 1];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(cut, 0, all, good.length, cut.length - 1);
        Path f = Files.write(dir.resolve("9.jsonl"), all);

        MergedReport r = read(f);

        assertEquals(Map.of(CROSS_SITE, 1L), counts(r));
        assertTrue(warnings().contains(f + ":3: skipped"), warnings());
    }

    @Test
    void aSiteWhoseFindingLineWasLostStillCountsFromTheSummary() throws Exception {
        Path f = ReportLines.write(dir, "1.jsonl", ReportLines.start(1), "{\"type\":\"finding\",\"kind\":\"LE",
            ReportLines.summary(LEAK_SITE, 12));

        MergedReport r = read(f);

        MergedSite s = r.sites.get(0);
        assertEquals(12, s.count);
        assertEquals("LEAK", s.kind);
        assertEquals("OWNER_THREAD_ENDED", s.detectedBy);
        assertFalse(s.hasDetails());
    }

    @Test
    void runsAppendedToOneFileAreCountedEachByItsOwnSummary() throws Exception {
        Path f = ReportLines.write(dir, "connguard.jsonl",
            ReportLines.start(1), ReportLines.crossThread(), ReportLines.summary(CROSS_SITE, 2),
            ReportLines.start(2), ReportLines.crossThread(), ReportLines.summary(CROSS_SITE, 3),
            ReportLines.start(3), ReportLines.crossThread());

        MergedReport r = read(f);

        assertEquals(Map.of(CROSS_SITE, 6L), counts(r));
        assertEquals(3, r.runs);
    }

    @Test
    void aHeldTooLongResourceClosedLaterIsTiedToItsSite() throws Exception {
        String site = "LEAK/HELD_TOO_LONG Connection com.example.Report.build(Report.java:88)";
        String finding = "{\"type\":\"finding\",\"kind\":\"LEAK\",\"detectedBy\":\"HELD_TOO_LONG\",\"resource\":\"Connection\","
            + "\"resourceId\":7,\"owner\":{\"name\":\"main\",\"id\":1,\"virtual\":false},"
            + "\"createdAt\":[\"com.example.Report.build(Report.java:88)\"],\"site\":\"" + site + "\",\"count\":1}";
        Path f = ReportLines.write(dir, "1.jsonl", ReportLines.start(1), finding,
            "{\"type\":\"closedAfterReport\",\"time\":\"2026-11-25T10:01:00Z\",\"resourceId\":7,\"heldMillis\":31250,\"closedAt\":[\"x.Y.z(Y.java:1)\"]}",
            ReportLines.summary(site, 1));

        MergedSite s = read(f).sites.get(0);

        assertEquals(1, s.closedLater);
        assertEquals(31250, s.maxHeldMillis);
    }

    @Test
    void aFileWithNoReportLinesIsNotAReport() throws Exception {
        Path f = ReportLines.write(dir, "pom.xml", "<project>", "</project>");

        String why = notAReport(f);

        assertEquals("connguard report: " + f + ": not a connguard report (no connguard report lines in it)", why);
        assertTrue(reader.merged().files.isEmpty());
    }

    @Test
    void otherJsonIsNotAReport() throws Exception {
        Path f = ReportLines.write(dir, "other.jsonl", "{\"level\":\"info\",\"msg\":\"started\"}", "{\"type\":\"metric\",\"value\":3}");

        String why = notAReport(f);

        assertTrue(why.startsWith("connguard report: " + f + ":2: not a connguard report: its first report line is \"metric\""), why);
    }

    @Test
    void aReportWhoseStartLineIsCutOffIsNotAReport() throws Exception {
        Path f = ReportLines.write(dir, "cut.jsonl", ReportLines.start(1).substring(0, 40), ReportLines.crossThread(),
            ReportLines.summary(CROSS_SITE, 1));

        String why = notAReport(f);

        assertTrue(why.contains(f + ":2: not a connguard report: its first report line is \"finding\", not \"start\""), why);
        assertTrue(warnings().contains(f + ":1: skipped, malformed"), warnings());
        assertTrue(reader.merged().sites.isEmpty(), "nothing of a rejected file is merged");
    }

    @Test
    void anEmptyReportIsNotAReportAndSaysWhy() throws Exception {
        Path f = Files.createFile(dir.resolve("empty.jsonl"));

        String why = notAReport(f);

        assertTrue(why.startsWith("connguard report: " + f + ": empty; the agent writes its \"start\" line first"), why);
    }

    private String notAReport(Path f) {
        return assertThrows(ReportReader.NotAReportException.class, () -> reader.read(f)).getMessage();
    }

    @Test
    void aReportWithoutSummaryTakesItsCountsFromItsCountLinesAndSaysSo() throws Exception {
        Path f = ReportLines.write(dir, "killed.jsonl", ReportLines.start(1), ReportLines.crossThread(),
            ReportLines.count(CROSS_SITE, 2), ReportLines.count(CROSS_SITE, 2048), ReportLines.count(CROSS_SITE, 1024));

        MergedReport r = read(f);

        assertEquals(Map.of(CROSS_SITE, 2048L), counts(r));
        assertEquals("connguard report: " + f + ": no summary line (the JVM was killed, or is still running);"
            + " its counts are taken from its finding lines and may be low\n", warnings());
    }

    @Test
    void aSummaryWinsOverCountLines() throws Exception {
        Path f = ReportLines.write(dir, "done.jsonl", ReportLines.start(1), ReportLines.crossThread(),
            ReportLines.count(CROSS_SITE, 2048), ReportLines.summary(CROSS_SITE, 2100));

        assertEquals(Map.of(CROSS_SITE, 2100L), counts(read(f)));
        assertEquals("", warnings());
    }

    @Test
    void aFloodOfBadLinesIsCappedToTenWarningsAndATally() throws Exception {
        String[] lines = new String[27];
        lines[0] = ReportLines.start(1);
        for (int i = 1; i < 26; i++) lines[i] = "garbage " + i;
        lines[26] = ReportLines.summary(CROSS_SITE, 0);
        Path f = ReportLines.write(dir, "junk.jsonl", lines);

        read(f);

        List<String> w = warnings().lines().collect(Collectors.toList());
        assertEquals(11, w.size(), warnings());
        assertTrue(w.get(10).endsWith(": 15 more lines skipped"), w.get(10));
    }

    /** Whatever it holds, a file with no report line in it is said to be none in one line. */
    @Test
    void aFileWithNoReportLineIsOneLineNotAReport() throws Exception {
        String[] lines = new String[25];
        for (int i = 0; i < lines.length; i++) lines[i] = "garbage " + i;
        Path f = ReportLines.write(dir, "junk.jsonl", lines);

        assertEquals("connguard report: " + f + ": not a connguard report (no connguard report lines in it)", notAReport(f));
        assertEquals("", warnings());
    }
}
