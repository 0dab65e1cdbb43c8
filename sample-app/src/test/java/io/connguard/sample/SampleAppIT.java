package io.connguard.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connguard.it.AgentRun;
import io.connguard.it.RunResult;
import io.connguard.sample.scenarios.AuditInsideUnitOfWork;
import io.connguard.sample.scenarios.ConcurrentUseOfOneConnection;
import io.connguard.sample.scenarios.EarlyReturnSkipsCommit;
import io.connguard.sample.scenarios.LeakedStatement;
import io.connguard.sample.scenarios.PooledDoneRight;
import io.connguard.sample.scenarios.ResultSetOutlivesItsConnection;
import io.connguard.sample.scenarios.SharedConnectionAcrossThreads;
import io.connguard.sample.scenarios.ThreadLocalBuggyCloseAll;
import io.connguard.sample.scenarios.ThreadLocalClosedPerThread;
import io.connguard.sample.scenarios.WrongThreadClose;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built sample jar in a child JVM, on SQLite, and reads connguard's JSON lines report:
 * each buggy scenario is found, with a stack that names its class, and the right ones are silent.
 */
class SampleAppIT {
    private static final Path SAMPLE_JAR = Path.of(System.getProperty("connguard.sample.jar"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void sharedConnectionIsCrossThreadUse() {
        Run run = runWithAgent("shared-connection");
        assertFindings(run, SharedConnectionAcrossThreads.class, "CROSS_THREAD_USE Connection prepareStatement");
    }

    @Test
    void concurrentUseIsReportedAlongWithTheCrossThreadUse() {
        Run run = runWithAgent("concurrent-use");
        assertFindings(run, ConcurrentUseOfOneConnection.class,
                "CONCURRENT_USE Connection createStatement", "CROSS_THREAD_USE Connection createStatement");
    }

    @Test
    void closeAllOnMainLeaksEveryWorkersThreadLocalConnection() {
        Run run = runWithAgent("thread-local-buggy-close-all");
        assertFindings(run, ThreadLocalBuggyCloseAll.class, "LEAK OWNER_THREAD_ENDED Connection");
        assertEquals(3, run.occurrences("LEAK", "OWNER_THREAD_ENDED"), "one leak per worker thread\n" + run);
    }

    @Test
    void threadLocalConnectionsClosedByTheirOwnThreadsAreSilent() {
        Run run = runWithAgent("thread-local-closed-per-thread");
        assertFindings(run, ThreadLocalClosedPerThread.class);
    }

    @Test
    void mainClosingAWorkersConnectionIsAWrongThreadClose() {
        Run run = runWithAgent("wrong-thread-close");
        assertFindings(run, WrongThreadClose.class, "WRONG_THREAD_CLOSE Connection close");
    }

    @Test
    void auditBorrowingInsideAUnitOfWorkIsNestedAcquire() {
        Run run = runWithAgent("audit-inside-unit-of-work");
        assertFindings(run, AuditInsideUnitOfWork.class, "NESTED_ACQUIRE Connection getConnection");
    }

    @Test
    void earlyReturnThatSkipsTheCommitIsATransactionLeftOpen() {
        Run run = runWithAgent("early-return-skips-commit");
        assertFindings(run, EarlyReturnSkipsCommit.class, "TRANSACTION_LEFT_OPEN Connection close");
    }

    @Test
    void resultSetReadAfterTheDaoClosedItIsUseAfterClose() {
        Run run = runWithAgent("result-set-read-after-close");
        assertFindings(run, ResultSetOutlivesItsConnection.class, "USE_AFTER_CLOSE ResultSet next");
    }

    @Test
    void statementLeftOpenWhenItsConnectionClosesIsALeak() {
        Run run = runWithAgent("leaked-statement");
        assertFindings(run, LeakedStatement.class, "LEAK PARENT_CLOSED PreparedStatement");
    }

    @Test
    void pooledConnectionsBorrowedWithTryWithResourcesAreSilent() {
        Run run = runWithAgent("pooled-done-right");
        assertFindings(run, PooledDoneRight.class);
    }

    @Test
    void withoutTheAgentEveryScenarioRunsAndExitsZero() {
        Run detached = run(false);
        assertEquals(0, detached.exitStatus, detached.toString());
        for (Scenario scenario : SampleApp.SCENARIOS) {
            assertTrue(detached.stdout.contains("  " + scenario.name() + " "), scenario.name() + " missing\n" + detached);
        }
        assertTrue(detached.stdout.endsWith(
                "connguard agent not attached: run with -javaagent:agent/target/connguard-agent.jar\n"), detached.toString());
    }

    @Test
    void withTheAgentEveryScenarioRunsAndPrintsWhatItPrintsWithout() {
        Run attached = runWithAgent();
        assertEquals(0, attached.exitStatus, attached.toString());
        List<JsonNode> report = attached.report();
        assertEquals("start", report.get(0).path("type").asText(), attached.toString());
        assertEquals("summary", report.get(report.size() - 1).path("type").asText(), attached.toString());
        assertEquals(Set.of("CROSS_THREAD_USE", "CONCURRENT_USE", "WRONG_THREAD_CLOSE", "LEAK", "NESTED_ACQUIRE",
                        "TRANSACTION_LEFT_OPEN", "USE_AFTER_CLOSE"),
                attached.findings().stream().map(f -> f.path("kind").asText()).collect(Collectors.toSet()),
                attached.toString());
        assertTrue(attached.stdout.endsWith("connguard report: " + attached.reportFile + "\n"), attached.toString());

        Run detached = run(false);
        assertEquals(withoutLastLine(detached.stdout), withoutLastLine(attached.stdout));
    }

    /**
     * The findings are exactly {@code expected}, each written "KIND [DETECTED_BY] RESOURCE [METHOD]",
     * and each points at {@code scenario}: a use or a close by its first {@code actedAt} frame (the
     * line that did it), a leak by a frame of {@code createdAt} (below the {@link Database} that opened it).
     */
    private static void assertFindings(Run run, Class<? extends Scenario> scenario, String... expected) {
        assertEquals(0, run.exitStatus, run.toString());
        Set<String> found = new TreeSet<>();
        for (JsonNode finding : run.findings()) {
            found.add(Stream.of("kind", "detectedBy", "resource", "method")
                    .filter(finding::hasNonNull).map(field -> finding.get(field).asText()).collect(Collectors.joining(" ")));
            boolean leak = finding.path("kind").asText().equals("LEAK");
            List<String> frames = frames(finding.path(leak ? "createdAt" : "actedAt"));
            assertTrue((leak ? frames.stream() : frames.stream().limit(1)).anyMatch(frame -> frame.startsWith(scenario.getName() + ".")),
                    scenario.getSimpleName() + " not where it should be in " + finding);
        }
        assertEquals(new TreeSet<>(List.of(expected)), found, run.toString());
    }

    private static List<String> frames(JsonNode stack) {
        return StreamSupport.stream(stack.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String withoutLastLine(String text) {
        return text.substring(0, text.lastIndexOf('\n', text.length() - 2) + 1);
    }

    private Run runWithAgent(String... scenarios) {
        return run(true, scenarios);
    }

    /**
     * Runs the jar with the given scenarios (all if none) and the test's temp directory as
     * {@code java.io.tmpdir}, so that its database file, which it recreates, is the test's own:
     * the first line of the output names it, the same for the runs with and without the agent.
     */
    private Run run(boolean withAgent, String... scenarios) {
        AgentRun run = AgentRun.jar(SAMPLE_JAR).jvmArg("-Djava.io.tmpdir=" + tmp).timeout(Duration.ofMinutes(2));
        if (!withAgent) run.withoutAgent();
        for (String scenario : scenarios) run.args("--scenario", scenario);
        RunResult result = run.run();
        return new Run(result.exitCode(), result.stdout(), result.stderr(), result.reportFile());
    }

    /**
     * One child JVM's exit status, output and report ({@code reportFile} null without the agent);
     * its {@code toString} is what a failing assertion shows.
     */
    private record Run(int exitStatus, String stdout, String stderr, Path reportFile) {

        List<JsonNode> report() {
            if (!Files.exists(reportFile)) fail("no report at " + reportFile + "\n" + this);
            try {
                List<JsonNode> lines = new ArrayList<>();
                for (String line : Files.readAllLines(reportFile)) {
                    if (!line.isBlank()) lines.add(JSON.readTree(line));
                }
                return lines;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<JsonNode> findings() {
            return report().stream().filter(line -> line.path("type").asText().equals("finding")).toList();
        }

        /** How often a leak {@code detectedBy} this way occurred, repeats at one site included: the summary's count. */
        int occurrences(String kind, String detectedBy) {
            List<JsonNode> report = report();
            JsonNode summary = report.get(report.size() - 1);
            return StreamSupport.stream(summary.path("sites").spliterator(), false)
                    .filter(site -> site.path("kind").asText().equals(kind) && site.path("detectedBy").asText().equals(detectedBy))
                    .mapToInt(site -> site.path("count").asInt())
                    .sum();
        }

        @Override
        public String toString() {
            String report;
            try {
                report = reportFile != null && Files.exists(reportFile) ? Files.readString(reportFile) : "(none)";
            } catch (IOException e) {
                report = e.toString();
            }
            return "exit status " + exitStatus + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr + "--- report\n" + report;
        }
    }
}
