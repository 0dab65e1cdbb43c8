package io.connguard.cli;

import static io.connguard.report.Findings.CONNECTION;
import static io.connguard.report.Findings.MAIN;
import static io.connguard.report.Findings.OPENED;
import static io.connguard.report.Findings.OTHER;
import static io.connguard.report.Findings.USED;
import static io.connguard.report.Findings.WORKER;
import static io.connguard.report.Findings.frame;
import static io.connguard.report.Findings.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connguard.contract.Kind;
import io.connguard.contract.LeakCause;
import io.connguard.report.Findings;
import io.connguard.report.Reporter;
import io.connguard.report.TestReporter;
import io.connguard.runtime.Finding;
import io.connguard.runtime.ThreadInfo;

/**
 * The agent's {@link Reporter} writes a report, the {@code report} command's {@link ReportReader}
 * reads it: every kind, every way a leak is found, every site, thread and count must come through.
 */
class ReportRoundTripTest {
    private static final StackTraceElement[] USED_ELSEWHERE = stack(frame("com.example.Orders", "lambda$save$1", 61));
    private static final StackTraceElement[] CLOSED = stack(frame("com.example.Batch", "closeAll", 30));
    private static final StackTraceElement[] AUDIT = stack(frame("com.example.Audit", "log", 12));

    @TempDir
    Path dir;

    @Test
    void whatTheAgentWritesTheReportCommandReadsWhole() throws Exception {
        Path file = dir.resolve("connguard.jsonl");
        Reporter reporter = TestReporter.of("report=" + file);
        Finding crossThread = Findings.crossThread(OPENED, USED, "jdbc:sqlite:/tmp/x.db", "SELECT 1");
        Finding crossThreadElsewhere = Findings.crossThread(OPENED, USED_ELSEWHERE, "jdbc:sqlite:/tmp/x.db", null);
        List<Finding> fed = new ArrayList<>(List.of(crossThread, crossThread, crossThreadElsewhere,
            Finding.builder(Finding.CONCURRENT_USE).resource("Statement").resourceClass("S").resourceId(8).connectionId(3)
                .owner(MAIN).actor(WORKER).method("executeQuery").createdAt(OPENED).actedAt(USED).otherActor(OTHER)
                .otherActedAt(AUDIT).build(),
            Finding.builder(Finding.WRONG_THREAD_CLOSE).resource("Connection").resourceClass(CONNECTION).resourceId(6)
                .connectionId(6).owner(WORKER).actor(MAIN).method("close").createdAt(OPENED).actedAt(CLOSED).build(),
            Finding.builder(Finding.NESTED_ACQUIRE).resource("Connection")
                .resourceClass("com.zaxxer.hikari.pool.HikariProxyConnection").resourceId(7).connectionId(7).owner(MAIN)
                .actor(MAIN).method("getConnection").createdAt(OPENED).actedAt(AUDIT)
                .poolClass("com.zaxxer.hikari.HikariDataSource").poolName("orders").build(),
            Finding.builder(Finding.TRANSACTION_LEFT_OPEN).resource("Connection").resourceClass(CONNECTION).resourceId(9)
                .connectionId(9).owner(MAIN).actor(MAIN).method("close").createdAt(OPENED).actedAt(CLOSED).build(),
            Finding.builder(Finding.USE_AFTER_CLOSE).resource("ResultSet").resourceClass("org.h2.jdbc.JdbcResultSet")
                .resourceId(11).connectionId(10).owner(MAIN).actor(WORKER).method("next").createdAt(OPENED).actedAt(AUDIT)
                .closedBy(OTHER).closedAt(CLOSED).closedTime(1_764_480_000_000L).build()));
        for (LeakCause cause : LeakCause.values()) fed.add(Findings.leak(cause.json, WORKER, CLOSED));
        fed.add(Findings.leak(LeakCause.EXIT.json, null, null));
        for (Finding f : fed) reporter.finding(f);
        reporter.finished();

        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        ReportReader reader = new ReportReader(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        reader.read(file);
        MergedReport merged = reader.merged();

        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
        assertEquals(writtenSites(file), merged.sites.stream().map(s -> s.key).collect(Collectors.toSet()), "every site");
        Set<String> kinds = merged.sites.stream().map(s -> s.kind).collect(Collectors.toSet());
        assertEquals(Arrays.stream(Kind.values()).map(k -> k.json).collect(Collectors.toSet()), kinds, "every kind");
        assertEquals(fed.size(), merged.findings(), "every occurrence");

        Map<String, Finding> firstByTitle = new LinkedHashMap<>();
        Map<String, Long> countByTitle = new LinkedHashMap<>();
        for (Finding f : fed) {
            String title = Finding.LEAK.equals(f.kind) ? f.kind + " (" + f.detectedBy + ")" : f.kind;
            firstByTitle.putIfAbsent(title, f);
            countByTitle.merge(title, 1L, Long::sum);
        }
        assertEquals(countByTitle.keySet(), merged.sites.stream().map(SiteWording::title).collect(Collectors.toSet()));
        for (MergedSite s : merged.sites) {
            String title = SiteWording.title(s);
            Finding f = firstByTitle.get(title);
            assertEquals(countByTitle.get(title), s.count, title);
            assertEquals(f.resource, s.finding.resource, title);
            assertEquals(f.resourceClass, s.finding.resourceClass, title);
            assertEquals(f.method, s.finding.method, title);
            assertEquals(text(f.owner), text(s.finding.owner), title);
            assertEquals(text(f.actor), text(s.finding.actor), title);
            assertEquals(text(f.otherActor), text(s.finding.otherActor), title);
            assertEquals(text(f.closedBy), text(s.finding.closedBy), title);
            assertEquals(f.poolClass, s.finding.poolClass, title);
            assertEquals(f.poolName, s.finding.poolName, title);
            assertEquals(frames(f.createdAt), s.finding.createdAt, title);
            if (f.closedAt != null) assertEquals(frames(f.closedAt), s.finding.closedAt, title);
        }

        MergedSite shared = merged.sites.stream().filter(s -> Kind.Names.CROSS_THREAD_USE.equals(s.kind)).findFirst().orElseThrow();
        assertEquals(List.of("2x by " + WORKER, "1x by " + WORKER),
            shared.uses.values().stream().map(SiteWording::tally).collect(Collectors.toList()), "each place, with its count and thread");
        MergedSite closedAfterUse = merged.sites.stream().filter(s -> Kind.Names.USE_AFTER_CLOSE.equals(s.kind)).findFirst().orElseThrow();
        assertNotNull(closedAfterUse.finding.closedTime);
    }

    /** The {@code site} of every finding line the writer wrote. */
    private static Set<String> writtenSites(Path file) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Set<String> sites = new LinkedHashSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode node = mapper.readTree(line);
            if ("finding".equals(node.path("type").asText())) sites.add(node.path("site").asText());
        }
        return sites;
    }

    private static List<String> frames(StackTraceElement[] stack) {
        return stack == null ? List.of() : Arrays.stream(stack).map(StackTraceElement::toString).collect(Collectors.toList());
    }

    private static String text(ThreadInfo t) {
        return t == null ? null : t.toString();
    }
}
