package io.connguard.report;

import static io.connguard.report.Findings.MAIN;
import static io.connguard.report.Findings.OTHER;
import static io.connguard.report.Findings.WORKER;
import static io.connguard.report.Findings.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connguard.contract.SiteKeyFormat;
import io.connguard.runtime.Finding;
import io.connguard.runtime.Stacks;
import io.connguard.runtime.ThreadInfo;

/** One bug, one finding: what makes two findings one site, and what keeps them apart. */
class SitesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final StackTraceElement HELPER = frame("com.example.Db", "open", 40);
    private static final StackTraceElement[] OPENED_SHARED = {frame("com.example.Orders", "start", 12), frame("com.example.Main", "main", 5)};

    @TempDir
    Path dir;
    private final CapturedErr err = new CapturedErr();

    @AfterEach
    void restoreLog() {
        err.close();
    }

    @Test
    void twoCallersOfOneHelperAreTwoSitesAndOneCallerTwiceIsOne() {
        SiteKey fromLoad = new SiteKey(leak(HELPER, frame("com.example.Orders", "load", 12)));
        SiteKey fromSave = new SiteKey(leak(HELPER, frame("com.example.Orders", "save", 30)));
        SiteKey fromLoadAgain = new SiteKey(leak(HELPER, frame("com.example.Orders", "load", 12)));
        assertNotEquals(fromLoad, fromSave);
        assertEquals(fromLoad, fromLoadAgain);
        assertEquals("LEAK/EXIT Connection com.example.Db.open(Db.java:40) < com.example.Orders.load(Orders.java:12)", fromLoad.text());
    }

    @Test
    void jdkFramesAndFoldsAreNotPartOfTheSite() {
        StackTraceElement folded = new StackTraceElement(Stacks.FOLDED, "3 framework frames left out", null, -1);
        SiteKey withPlumbing = new SiteKey(leak(HELPER, frame("java.util.concurrent.FutureTask", "run", 264), folded,
                frame("com.example.Orders", "load", 12)));
        assertEquals(new SiteKey(leak(HELPER, frame("com.example.Orders", "load", 12))), withPlumbing);
    }

    @Test
    void aStatementsSiteIsTheLineThatCreatedItNotItsConnections() {
        StackTraceElement statementLine = frame("com.example.Report", "rows", 77);
        SiteKey viaOneConnection = new SiteKey(statementLeak(new StackTraceElement[] {statementLine}, frame("com.example.Report", "a", 10)));
        SiteKey viaAnother = new SiteKey(statementLeak(new StackTraceElement[] {statementLine}, frame("com.example.Report", "b", 20)));
        assertEquals(viaOneConnection, viaAnother);
        SiteKey onlyConnectionKnown = new SiteKey(statementLeak(new StackTraceElement[0], frame("com.example.Report", "a", 10)));
        assertEquals("LEAK/EXIT PreparedStatement com.example.Report.a(Report.java:10)", onlyConnectionKnown.text());
    }

    @Test
    void identityAcrossRunsLeavesOutLineNumbers() {
        String key = "LEAK/EXIT Connection com.example.Db.open(Db.java:40) < com.example.Orders.load(Orders.java:12) -> x.Y.z(Y.java:3)";
        assertEquals("LEAK/EXIT Connection com.example.Db.open(Db.java) < com.example.Orders.load(Orders.java) -> x.Y.z(Y.java)",
                SiteKeyFormat.identity(key));
        assertEquals(SiteKeyFormat.identity(key), SiteKeyFormat.identity(key.replace(":40)", ":47)")));
    }

    /** Whether the GC collected a dropped connection before the JVM exited is timing: one identity for both. */
    @Test
    void aLeakFoundByGcHasTheIdentityOfOneFoundAtExit() {
        String atExit = "LEAK/EXIT Connection com.example.Db.open(Db.java:40)";
        assertEquals(SiteKeyFormat.identity(atExit), SiteKeyFormat.identity(atExit.replace("/EXIT", "/GC")));
        String threadEnded = "LEAK/OWNER_THREAD_ENDED Connection com.example.Db.open(Db.java:40)";
        assertEquals("LEAK/OWNER_THREAD_ENDED Connection com.example.Db.open(Db.java)", SiteKeyFormat.identity(threadEnded));
    }

    @Test
    void oneSharedConnectionIsOneFindingPerKindListingItsPlacesThreadsAndCounts() throws Exception {
        Path file = dir.resolve("r.jsonl");
        Reporter r = TestReporter.of("report=" + file);
        StackTraceElement[] query = {frame("com.example.Worker", "query", 30)};
        StackTraceElement[] update = {frame("com.example.Worker", "update", 41)};
        for (int i = 0; i < 5; i++) r.finding(use(Finding.CROSS_THREAD_USE, "Connection", "prepareStatement", WORKER, query, null));
        for (int i = 0; i < 3; i++) r.finding(use(Finding.CROSS_THREAD_USE, "PreparedStatement", "executeUpdate", OTHER, update, null));
        r.finding(use(Finding.CROSS_THREAD_USE, "Connection", "prepareStatement", OTHER, query, null));
        r.finding(use(Finding.CONCURRENT_USE, "PreparedStatement", "executeUpdate", OTHER, update, WORKER));
        r.finished();

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode n = MAPPER.readTree(line);
            if (!"count".equals(n.get("type").asText())) lines.add(n); // occurrences so far: not what this test is about
        }
        assertEquals(List.of("start", "finding", "use", "finding", "summary"), lines.stream().map(n -> n.get("type").asText()).toList());
        String site = "CROSS_THREAD_USE Connection com.example.Orders.start(Orders.java:12) < com.example.Main.main(Main.java:5)";
        assertEquals(site, lines.get(1).get("site").asText());
        assertEquals(site, lines.get(2).get("site").asText());
        assertEquals("executeUpdate", lines.get(2).get("method").asText());
        assertEquals("com.example.Worker.update(Worker.java:41)", lines.get(2).get("actedAt").get(0).asText());

        JsonNode cross = lines.get(4).get("sites").get(0);
        assertEquals(9, cross.get("count").asLong());
        JsonNode uses = cross.get("uses");
        assertEquals(2, uses.size());
        assertEquals("prepareStatement", uses.get(0).get("method").asText());
        assertEquals(6, uses.get(0).get("count").asLong());
        assertEquals(List.of("thread \"pool-1-thread-2\" (#23)", "thread \"pool-1-thread-1\" (#22, virtual)"),
                MAPPER.convertValue(uses.get(0).get("threads"), List.class));
        assertEquals(3, uses.get(1).get("count").asLong());
        assertEquals(1, lines.get(4).get("sites").get(1).get("uses").size());

        String log = err.text();
        assertTrue(log.contains("connguard CROSS_THREAD_USE again, at a new place, on the connection opened at com.example.Orders.start(Orders.java:12)"), log);
        assertTrue(log.contains("connguard: 9 uses from 2 places at site " + site), log);
        assertTrue(log.contains("prepareStatement on Connection at com.example.Worker.query(Worker.java:30): 6x by thread \"pool-1-thread-2\" (#23), thread \"pool-1-thread-1\" (#22, virtual)"), log);
    }

    private static Finding leak(StackTraceElement... created) {
        return Finding.builder(Finding.LEAK).detectedBy(Finding.EXIT).resource("Connection").resourceClass("C").resourceId(1)
                .connectionId(1).owner(MAIN).createdAt(created).build();
    }

    private static Finding statementLeak(StackTraceElement[] created, StackTraceElement connection) {
        return Finding.builder(Finding.LEAK).detectedBy(Finding.EXIT).resource("PreparedStatement").resourceClass("S")
                .resourceId(2).connectionId(1).owner(MAIN).createdAt(created)
                .connectionCreatedAt(new StackTraceElement[] {connection}).build();
    }

    private static Finding use(String kind, String resource, String method, ThreadInfo actor, StackTraceElement[] at, ThreadInfo other) {
        boolean statement = !resource.equals("Connection");
        return Finding.builder(kind).resource(resource).resourceClass("X").resourceId(3).connectionId(1).owner(MAIN)
                .actor(actor).method(method)
                .createdAt(statement ? new StackTraceElement[] {frame("com.example.Orders", "prepare", 20)} : OPENED_SHARED)
                .actedAt(at).otherActor(other).otherActedAt(other == null ? null : new StackTraceElement[0])
                .connectionCreatedAt(statement ? OPENED_SHARED : null).build();
    }
}
