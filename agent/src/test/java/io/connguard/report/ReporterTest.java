package io.connguard.report;

import static io.connguard.report.Findings.MAIN;
import static io.connguard.report.Findings.OPENED;
import static io.connguard.report.Findings.USED;
import static io.connguard.report.Findings.WORKER;
import static io.connguard.report.Findings.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connguard.runtime.Finding;

class ReporterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SECRET_URL = "jdbc:mysql://root:hunter2@db:3306/shop?user=root&password=hunter2&useSSL=false";
    private static final String SECRET_SQL = "ALTER USER app IDENTIFIED BY 'hunter2'";

    @TempDir
    Path dir;
    private Path file;
    private CapturedErr err;

    @BeforeEach
    void captureLog() {
        file = dir.resolve("reports/connguard.jsonl");
        err = new CapturedErr();
    }

    @AfterEach
    void restoreLog() {
        err.close();
    }

    private Reporter reporter(String args) {
        return TestReporter.of("report=" + file + (args.isEmpty() ? "" : "," + args));
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) nodes.add(MAPPER.readTree(line));
        return nodes;
    }

    private static Finding leakAt(int line) {
        return Finding.builder(Finding.LEAK).detectedBy(Finding.OWNER_THREAD_ENDED).resource("Connection")
                .resourceClass(Findings.CONNECTION).resourceId(line).connectionId(line).owner(WORKER)
                .createdAt(new StackTraceElement[] {frame("com.example.Worker", "run", line)}).url("jdbc:sqlite:/tmp/x.db")
                .build();
    }

    /** /dev/full fails every write as a full disk does: the file exists, empty, and the log says why. */
    @Test
    void aReportOnAFullDiskIsSaidToBeUnwrittenAtStartAndAtExit() {
        Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "needs /dev/full (Linux)");
        Reporter r = TestReporter.of("report=/dev/full");
        r.finished();
        assertTrue(err.text().contains("cannot write the report file /dev/full"), err.text());
        assertTrue(err.text().contains("connguard: no findings; report: /dev/full (could not be written)"), err.text());
    }

    @Test
    void startLineFirstFindingsDedupedSummaryLast() throws Exception {
        Reporter r = reporter("");
        for (int i = 0; i < 3; i++) r.finding(Findings.crossThread(OPENED, USED, "jdbc:sqlite:/tmp/x.db", "SELECT 1"));
        r.finding(leakAt(7));
        r.finished();

        List<JsonNode> lines = lines();
        assertEquals(List.of("start", "finding", "count", "finding", "summary"),
                lines.stream().map(n -> n.get("type").asText()).toList());

        JsonNode start = lines.get(0);
        assertEquals("9.9.9", start.get("version").asText());
        assertEquals(ProcessHandle.current().pid(), start.get("pid").asLong());
        assertEquals(System.getProperty("java.version"), start.get("java").asText());
        assertEquals(List.of("report", "mode", "stacks", "stackDepth", "leakThreshold", "pools", "sql", "handoff", "ignore"),
                iterable(start.get("options").fieldNames()));
        assertEquals(file.toString(), start.get("options").get("report").asText());
        assertTrue(start.get("options").get("pools").asText().startsWith("com.zaxxer.hikari.,"),
                "the start line names the built-in pools in force: " + start.get("options"));

        JsonNode count = lines.get(2);
        assertEquals(2, count.get("count").asLong(), "a site's occurrences so far, written at 2, 4, 8, ...");
        assertEquals(lines.get(1).get("site").asText(), count.get("site").asText());

        JsonNode summary = lines.get(4);
        assertEquals(4, summary.get("findings").asLong());
        assertEquals(3, summary.get("kinds").get("CROSS_THREAD_USE").asLong());
        assertEquals(1, summary.get("kinds").get("LEAK").asLong());
        assertEquals(0, summary.get("kinds").get("CONCURRENT_USE").asLong());
        JsonNode sites = summary.get("sites");
        assertEquals(2, sites.size());
        assertEquals("CROSS_THREAD_USE Connection com.example.Orders.load(Orders.java:42) < com.example.Main.main(Main.java:10)",
                sites.get(0).get("site").asText(), "highest count first");
        assertEquals(3, sites.get(0).get("count").asLong());
        assertNull(sites.get(0).get("detectedBy"));
        assertEquals("LEAK/OWNER_THREAD_ENDED Connection com.example.Worker.run(Worker.java:7)", sites.get(1).get("site").asText());
        assertEquals("OWNER_THREAD_ENDED", sites.get(1).get("detectedBy").asText());
    }

    @Test
    void findingLineHasEveryFieldOfTheContract() throws Exception {
        Reporter r = reporter("");
        r.finding(Findings.crossThread(OPENED, USED, "jdbc:sqlite:/tmp/x.db", "UPDATE orders SET total=12 WHERE id=7"));
        r.finished();
        JsonNode f = lines().get(1);
        assertEquals(List.of("type", "time", "kind", "resource", "resourceClass", "resourceId", "connectionId", "owner",
                "actor", "method", "createdAt", "actedAt", "url", "sql", "site", "count"), iterable(f.fieldNames()));
        assertTrue(f.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), f.get("time").asText());
        assertEquals("CROSS_THREAD_USE", f.get("kind").asText());
        assertEquals("Connection", f.get("resource").asText());
        assertEquals(Findings.CONNECTION, f.get("resourceClass").asText());
        assertEquals(3, f.get("resourceId").asLong());
        assertEquals(MAPPER.readTree("{\"name\":\"main\",\"id\":1,\"virtual\":false}"), f.get("owner"));
        assertEquals(MAPPER.readTree("{\"name\":\"pool-1-thread-2\",\"id\":23,\"virtual\":false}"), f.get("actor"));
        assertEquals("prepareStatement", f.get("method").asText());
        assertEquals(MAPPER.readTree("[\"com.example.Orders.load(Orders.java:42)\",\"com.example.Main.main(Main.java:10)\"]"),
                f.get("createdAt"));
        assertEquals("UPDATE orders SET total=? WHERE id=?", f.get("sql").asText());
        assertEquals(1, f.get("count").asLong());
    }

    @Test
    void absentPartsAreOmittedNotNull() throws Exception {
        Reporter r = reporter("");
        r.finding(Finding.builder(Finding.LEAK).detectedBy(Finding.GC).resource("ResultSet").resourceClass("R").resourceId(4)
                .connectionId(3).owner(MAIN).createdAt(new StackTraceElement[0]).build());
        r.finished();
        JsonNode f = lines().get(1);
        for (String absent : List.of("actor", "method", "actedAt", "otherActor", "otherActedAt", "url", "sql")) {
            assertFalse(f.has(absent), absent);
        }
        assertEquals("GC", f.get("detectedBy").asText());
        assertEquals(0, f.get("createdAt").size());
        assertEquals("LEAK/GC ResultSet (no stack)", f.get("site").asText());
    }

    @Test
    void concurrentUseCarriesTheOtherThread() throws Exception {
        Reporter r = reporter("");
        r.finding(Finding.builder(Finding.CONCURRENT_USE).resource("Statement").resourceClass("S").resourceId(8).connectionId(3)
                .owner(MAIN).actor(WORKER).method("executeQuery").createdAt(OPENED).actedAt(USED).otherActor(Findings.OTHER)
                .otherActedAt(new StackTraceElement[] {frame("com.example.Orders", "total", 80)}).build());
        r.finished();
        JsonNode f = lines().get(1);
        assertTrue(f.get("otherActor").get("virtual").asBoolean());
        assertEquals("com.example.Orders.total(Orders.java:80)", f.get("otherActedAt").get(0).asText());
        assertFalse(f.has("detectedBy"));
    }

    @Test
    void noPasswordFromUrlOrSqlReachesTheFileOrTheLog() throws Exception {
        Reporter r = reporter("");
        r.finding(Findings.crossThread(OPENED, USED, SECRET_URL, SECRET_SQL));
        r.finding(Finding.builder(Finding.LEAK).detectedBy(Finding.EXIT).resource("Statement").resourceClass("S").resourceId(9)
                .connectionId(3).owner(MAIN).createdAt(new StackTraceElement[] {frame("com.example.Admin", "grant", 3)})
                .url(SECRET_URL).sql(SECRET_SQL).build());
        r.finished();
        String report = Files.readString(file);
        assertFalse(report.contains("hunter2"), report);
        assertFalse(err.text().contains("hunter2"), err.text());
        assertTrue(report.contains("\"url\":\"jdbc:mysql://db:3306/shop?useSSL=false\""), report);
        assertTrue(err.text().contains("IDENTIFIED BY ?"), err.text());
    }

    @Test
    void rawSqlIsWrittenAsIsWhenAskedFor() throws Exception {
        Reporter r = reporter("sql=raw");
        r.finding(Findings.crossThread(OPENED, USED, null, "SELECT 42"));
        r.finished();
        assertEquals("SELECT 42", lines().get(1).get("sql").asText());
        assertTrue(err.text().contains("in prepareStatement(\"SELECT 42\")"), err.text());
    }

    @Test
    void sqlOffLeavesStatementsOutOfFileAndLog() throws Exception {
        Reporter r = reporter("sql=off");
        r.finding(Findings.crossThread(OPENED, USED, null, "SELECT 42"));
        r.finished();
        assertFalse(lines().get(1).has("sql"));
        assertFalse(err.text().contains("SELECT"), err.text());
        assertTrue(err.text().contains("in prepareStatement()"), err.text());
    }

    @Test
    void humanLogHasStartLineOneBlockPerSiteAndSummary() {
        Reporter r = reporter("mode=strict");
        for (int i = 0; i < 5; i++) r.finding(Findings.crossThread(OPENED, USED, "jdbc:sqlite:/tmp/x.db", null));
        r.finding(leakAt(7));
        r.finding(leakAt(8));
        r.finished();
        String log = err.text();
        assertTrue(log.contains("connguard 9.9.9 watching JDBC (mode=strict); report: " + file), log);
        assertEquals(1, count(log, "connguard CROSS_THREAD_USE Connection"), log);
        assertTrue(log.contains("connguard: 5 uses from 1 place at site CROSS_THREAD_USE Connection com.example.Orders.load(Orders.java:42)"), log);
        assertEquals(2, count(log, "connguard LEAK (OWNER_THREAD_ENDED) Connection"), log);
        assertTrue(log.contains("connguard: 7 findings at 3 sites (CROSS_THREAD_USE 5, LEAK 2); report: " + file), log);
    }

    @Test
    void noFindingsSaysSo() {
        Reporter r = reporter("");
        r.finished();
        assertTrue(err.text().contains("connguard: no findings; report: " + file), err.text());
    }

    @Test
    void findingsAfterFinishedAreIgnored() throws Exception {
        Reporter r = reporter("");
        r.finished();
        r.finding(leakAt(7));
        r.closedAfterReport(7, 100, USED);
        r.finished();
        assertEquals(List.of("start", "summary"), lines().stream().map(n -> n.get("type").asText()).toList());
    }

    @Test
    void heldTooLongThenClosedIsRecordedAndLogged() throws Exception {
        Reporter r = reporter("leakThreshold=30s");
        r.finding(Finding.builder(Finding.LEAK).detectedBy(Finding.HELD_TOO_LONG).resource("Connection").resourceClass("C")
                .resourceId(17).connectionId(17).owner(MAIN).createdAt(OPENED).build());
        r.closedAfterReport(17, 45_200, USED);
        r.finished();
        JsonNode closed = lines().get(2);
        assertEquals("closedAfterReport", closed.get("type").asText());
        assertEquals(17, closed.get("resourceId").asLong());
        assertEquals(45_200, closed.get("heldMillis").asLong());
        assertEquals("com.example.Orders.lambda$save$0(Orders.java:57)", closed.get("closedAt").get(0).asText());
        assertTrue(err.text().contains("open longer than 30s"), err.text());
        assertTrue(err.text().contains("connguard: resource #17 (reported as held too long) was closed after 45.2s at "
                + "com.example.Orders.lambda$save$0(Orders.java:57)"), err.text());
    }

    @Test
    void concurrentRepeatsOfOneSiteAreCountedExactlyAndWrittenOnce() throws Exception {
        Reporter r = reporter("");
        int threads = 8;
        int each = 20_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) r.finding(Findings.crossThread(OPENED, USED, null, null));
            });
            w.start();
            workers.add(w);
        }
        go.countDown();
        for (Thread w : workers) w.join();
        r.finished();
        List<JsonNode> lines = lines();
        assertEquals(1, lines.stream().filter(n -> n.get("type").asText().equals("finding")).count());
        JsonNode summary = lines.get(lines.size() - 1);
        assertEquals("summary", summary.get("type").asText());
        assertEquals(threads * each, summary.get("findings").asLong());
        long highestCountLine = lines.stream().filter(n -> n.get("type").asText().equals("count"))
                .mapToLong(n -> n.get("count").asLong()).max().orElse(0);
        assertTrue(highestCountLine * 2 > threads * each, "count lines keep up within a factor of two: " + highestCountLine);
    }

    @Test
    void internalErrorsAreCountedAndTheFirstIsLoggedAndReportedInOneLine() throws Exception {
        Reporter r = reporter("");
        r.internalError(new IllegalStateException("first", new NullPointerException("inner")));
        r.internalError(new IllegalStateException("second"));
        r.finished();
        String log = err.text();
        assertTrue(log.contains("connguard internal error (further ones are only counted): java.lang.IllegalStateException: first;"
                + " caused by java.lang.NullPointerException: inner (at io.connguard.report.ReporterTest"), log);
        assertEquals(1, log.lines().filter(l -> l.contains("internal error")).count(), log);
        assertFalse(log.contains("second"), log);
        assertFalse(log.contains("\tat "), log);
        List<JsonNode> lines = lines();
        assertEquals("internalError", lines.get(1).get("type").asText());
        assertTrue(lines.get(1).get("error").asText().startsWith("java.lang.IllegalStateException: first"), lines.get(1).toString());
        assertEquals(2, lines.get(2).get("internalErrors").asLong());
    }

    @Test
    void aBrokenFindingNeverThrowsIntoTheCaller() {
        Reporter r = reporter("");
        r.finding(null);
        r.finding(Finding.builder(null).build());
        r.closedAfterReport(1, 1, null);
        r.finished();
        assertTrue(err.text().contains("connguard internal error"), err.text());
    }

    @Test
    void ignoredFindingsAreLeftOutOfTheLogAndTheFindingsButCountedPerPatternAndKind() throws Exception {
        Reporter r = reporter("ignore=com.example.Worker.*;CROSS_THREAD_USE:com.example.Orders.lambda$save$0;LEAK:com.example.Nowhere.*");
        assertFalse(r.finding(leakAt(7)), "left out: strict mode must not throw for it either");
        r.finding(leakAt(8));
        r.finding(Findings.crossThread(OPENED, USED, "jdbc:sqlite:/tmp/x.db", "SELECT 1"));
        // not ignored: the kind prefix of the only pattern that names Orders does not match
        assertTrue(r.finding(Finding.builder(Finding.CONCURRENT_USE).resource("Connection").resourceClass(Findings.CONNECTION)
                .resourceId(3).connectionId(3).owner(MAIN).actor(WORKER).method("prepareStatement").createdAt(OPENED)
                .actedAt(USED).otherActor(Findings.OTHER).otherActedAt(USED).build()));
        r.finished();

        List<JsonNode> lines = lines();
        assertEquals(List.of("start", "finding", "summary"), lines.stream().map(n -> n.get("type").asText()).toList());
        assertEquals("CONCURRENT_USE", lines.get(1).get("kind").asText());
        JsonNode summary = lines.get(2);
        assertEquals(1, summary.get("findings").asLong(), "the ignored findings are not findings");
        JsonNode ignored = summary.get("ignored");
        assertEquals(3, ignored.get("findings").asLong());
        assertEquals("com.example.Worker.*", ignored.get("patterns").get(0).get("pattern").asText());
        assertEquals(2, ignored.get("patterns").get(0).get("kinds").get("LEAK").asLong());
        assertEquals(1, ignored.get("patterns").get(1).get("kinds").get("CROSS_THREAD_USE").asLong());
        assertEquals(0, ignored.get("patterns").get(2).get("kinds").size(), "a pattern that hid nothing is listed, with no kinds");
        String log = err.text();
        assertFalse(log.contains("Worker"), log);
        assertTrue(log.contains("connguard: 1 finding at 1 site (CONCURRENT_USE 1); 3 more left out by the ignore option; report: "), log);
    }

    @Test
    void withoutTheIgnoreOptionTheSummaryHasNoIgnoredField() throws Exception {
        Reporter r = reporter("");
        r.finding(leakAt(7));
        r.finished();
        assertFalse(lines().get(2).has("ignored"));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
