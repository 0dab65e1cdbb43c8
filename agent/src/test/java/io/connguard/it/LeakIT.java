package io.connguard.it;

import static io.connguard.contract.LeakCause.Names.EXIT;
import static io.connguard.contract.LeakCause.Names.GC;
import static io.connguard.contract.LeakCause.Names.HELD_TOO_LONG;
import static io.connguard.contract.Kind.Names.LEAK;
import static io.connguard.contract.LeakCause.Names.OWNER_THREAD_ENDED;
import static io.connguard.contract.LeakCause.Names.PARENT_CLOSED;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.connguard.it.scenarios.ConnectionAndStatementLeftOpen;
import io.connguard.it.scenarios.ConnectionDroppedWhileOpen;
import io.connguard.it.scenarios.ConnectionHeldSixHundredMillis;
import io.connguard.it.scenarios.ConnectionsOpenAtExit;
import io.connguard.it.scenarios.DatabaseCallsBackIntoTheApplication;
import io.connguard.it.scenarios.DroppedStatementDisposedOf;
import io.connguard.it.scenarios.HeldWhileTheAgentRewritesClasses;
import io.connguard.it.scenarios.LoopLeaksThousandStatements;
import io.connguard.it.scenarios.ManyStatementsOnSqlite;
import io.connguard.it.scenarios.MockedJdbcBesideARealLeak;
import io.connguard.it.scenarios.ResultSetClosedByItsStatement;
import io.connguard.it.scenarios.SlowHolderAndNeverClosed;
import io.connguard.it.scenarios.StatementsPileUpUntilExit;
import io.connguard.it.scenarios.StatementLeftOpenWhenConnectionCloses;
import io.connguard.it.scenarios.ThreadLocalConnectionPerWorker;
import io.connguard.it.scenarios.WorkersEndThenJvmExits;

/** LEAK, each way the agent can know: GC, OWNER_THREAD_ENDED, EXIT, PARENT_CLOSED, HELD_TOO_LONG; and dedup. */
@Execution(ExecutionMode.CONCURRENT)
class LeakIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void connectionDroppedWhileOpenIsFoundByGc(Jdk jdk) {
        RunResult run = AgentRun.scenario(ConnectionDroppedWhileOpen.class).jdk(jdk).runOnce().assertCompleted();
        run.verify(() -> {
            FindingLine f = run.report().only(LEAK, GC)
                    .assertField("resource", "Connection")
                    .assertOwner("main")
                    .assertFirstFrameIn("createdAt", ConnectionDroppedWhileOpen.class);
            f.assertThat(f.actorName() == null, "a GC leak has no actor");
            if (run.report().findings().size() != 1) throw run.report().fail("the collected connection must be reported once, by GC only");
        });
    }

    // --- the seed bug: a ThreadLocal connection per worker, closeAll() closes only the caller's ---

    static RunResult threadLocal(Jdk jdk, String... args) {
        return AgentRun.scenario(ThreadLocalConnectionPerWorker.class).jdk(jdk).args(args).runOnce().assertCompleted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void threadLocalConnectionsOutliveTheirWorkers(Jdk jdk) {
        RunResult run = threadLocal(jdk);
        run.verify(() -> {
            Report report = run.report();
            List<FindingLine> ended = report.findings(LEAK, OWNER_THREAD_ENDED);
            if (ended.isEmpty()) throw report.fail("no LEAK/OWNER_THREAD_ENDED for the workers' connections");
            for (FindingLine f : ended) {
                f.assertField("resource", "Connection")
                        .assertFirstFrameIn("createdAt", ThreadLocalConnectionPerWorker.class)
                        .assertThat(Set.of("worker-1", "worker-2", "worker-3").contains(f.ownerName()), "owner should be a worker");
            }
            long total = report.totalCount(LEAK, OWNER_THREAD_ENDED);
            if (total != 3) throw report.fail("expected 3 OWNER_THREAD_ENDED leaks in total (one per worker), the summary counts " + total);
        });
    }

    /** One leak, one report: a connection found when its owner ended is not found again at exit. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void threadEndedLeaksAreNotReportedAgainAtExit(Jdk jdk) {
        RunResult run = threadLocal(jdk);
        run.verify(() -> {
            Report report = run.report();
            if (!report.findings(LEAK, EXIT).isEmpty()) throw report.fail("the workers' connections were reported again at EXIT");
            if (report.findings().size() != report.findings(LEAK, OWNER_THREAD_ENDED).size()) {
                throw report.fail("the seed bug should give OWNER_THREAD_ENDED findings only (main closed its own connection)");
            }
        });
    }

    /** The same bug, whether the GC or the sweep for ended threads finds the connections first. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#primary")
    void connectionsCollectedAfterTheirWorkersEndedAreOwnerThreadEnded(Jdk jdk) {
        RunResult run = threadLocal(jdk, "collect");
        run.verify(() -> {
            Report report = run.report();
            report.only(LEAK, OWNER_THREAD_ENDED);
            long total = report.totalCount(LEAK, OWNER_THREAD_ENDED);
            if (total != 3) throw report.fail("expected 3 OWNER_THREAD_ENDED leaks in total (one per worker), the summary counts " + total);
        });
    }

    /**
     * However soon after its workers end the JVM exits (before, during or after the grace period the
     * watcher gives an ended thread, and while it reports), each connection they left open is one
     * OWNER_THREAD_ENDED, the summary counts exactly what the lines show, and nothing follows it.
     */
    @ParameterizedTest(name = "exit {0} ms after {1} workers ended")
    @CsvSource({"0, 3", "250, 3", "500, 3", "550, 3", "600, 3", "650, 3", "700, 3",
        "1000, 3", "1500, 3", "600, 200"})
    void leaksOfEndedWorkersAreReportedWhenTheJvmExitsSoonAfter(int delayMillis, int workers) {
        RunResult run = AgentRun.scenario(WorkersEndThenJvmExits.class).args(String.valueOf(delayMillis), String.valueOf(workers))
                .runOnce().assertCompleted();
        run.verify(() -> {
            Report report = run.report();
            report.only(LEAK, OWNER_THREAD_ENDED).assertField("resource", "Connection");
            long total = report.totalCount(LEAK, OWNER_THREAD_ENDED);
            if (total != workers) throw report.fail("expected " + workers + " OWNER_THREAD_ENDED leaks, the summary counts " + total);
            report.assertSummaryAgreesWithFindings();
            List<String> err = run.stderrLines();
            int summary = -1;
            for (int i = 0; i < err.size(); i++) {
                if (err.get(i).matches(".*connguard: (no findings|\\d+ findings?)[ ;].*")) summary = i;
            }
            if (summary < 0) throw report.fail("no summary line on stderr");
            for (String after : err.subList(summary + 1, err.size())) {
                if (after.contains("connguard")) throw report.fail("connguard wrote after its summary: " + after);
            }
        });
    }

    /**
     * The time connguard spends rewriting classes on the owner's thread is its own, never part of a
     * hold: the hold it reports is well under the hold the application measured, most of which was
     * rewriting. A ratio of two measurements of one run, so the machine's load does not decide it.
     */
    @Test
    void timeTheAgentSpendsRewritingClassesIsNoHold() {
        RunResult run = AgentRun.scenario(HeldWhileTheAgentRewritesClasses.class).option("leakThreshold", "100ms")
                .timeout(java.time.Duration.ofMinutes(3)).runOnce().assertCompleted();
        run.verify(() -> {
            long wall = run.stdoutLines().stream().filter(l -> l.startsWith("held ")).mapToLong(l -> Long.parseLong(l.split(" ")[1]))
                    .findFirst().orElseThrow(() -> new AssertionError("the scenario printed no hold"));
            FindingLine held = run.report().single("HELD_TOO_LONG of the connection held while classes load",
                    f -> HELD_TOO_LONG.equals(f.detectedBy()) && f.createdAt().get(0).contains("HeldWhileTheAgentRewritesClasses.main"));
            JsonNode closed = run.report().closedAfterReport().stream()
                    .filter(n -> n.path("resourceId").asLong() == held.resourceId()).findFirst()
                    .orElseThrow(() -> run.report().fail("no closedAfterReport for the held connection"));
            long reported = closed.path("heldMillis").asLong();
            if (reported * 2 > wall) throw run.report().fail("held " + reported + " ms of " + wall + " ms: connguard's own time was counted");
        });
    }

    /**
     * Two connections held too long from one line, one closed late, one never: the late close names
     * the site it was reported at, and the never-closed one is also the EXIT leak it is.
     */
    @Test
    void aNeverClosedConnectionDoesNotHideBehindASlowOne() {
        RunResult run = AgentRun.scenario(SlowHolderAndNeverClosed.class).option("leakThreshold", "300ms").runOnce().assertCompleted();
        run.verify(() -> {
            Report report = run.report();
            FindingLine held = report.single("HELD_TOO_LONG of the two", f -> HELD_TOO_LONG.equals(f.detectedBy())
                    && f.createdAt().get(0).contains("SlowHolderAndNeverClosed.open"));
            JsonNode slowClosed = report.closedAfterReport().stream()
                    .filter(n -> n.path("closedAt").path(0).asText().contains("SlowHolderAndNeverClosed.main")).findFirst()
                    .orElseThrow(() -> report.fail("no closedAfterReport line for the slow connection"));
            if (!held.site().equals(slowClosed.path("site").asText())) throw report.fail("the late close does not name its site");
            FindingLine exit = report.only(LEAK, EXIT).assertField("resource", "Connection")
                    .assertFirstFrameIn("createdAt", SlowHolderAndNeverClosed.class);
            exit.assertThat(exit.resourceId() != slowClosed.path("resourceId").asLong(), "the EXIT leak is the never-closed one");
        });
    }

    /**
     * One bug, the same findings whichever detection finds it: a connection is reported with the
     * statement left open on it, by GC, for an ended owner, or at exit; the statement not when the
     * line that opened the connection made it too (one line to change).
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"collected, GC, Connection PreparedStatement", "worker, OWNER_THREAD_ENDED, Connection PreparedStatement",
        "kept, EXIT, Connection PreparedStatement", "collected oneLine, GC, Connection", "kept oneLine, EXIT, Connection"})
    void aLeakedConnectionIsReportedWithItsOpenStatementWhicheverDetectionFindsIt(String mode, String detectedBy, String resources) {
        RunResult run = AgentRun.scenario(ConnectionAndStatementLeftOpen.class).args(mode.split(" ")).runOnce().assertCompleted();
        run.verify(() -> {
            Report report = run.report();
            List<String> expected = List.of(resources.split(" "));
            for (String resource : expected) {
                report.single(resource + " " + detectedBy, f -> LEAK.equals(f.kind()) && detectedBy.equals(f.detectedBy())
                        && resource.equals(f.resource())).assertFirstFrameIn("createdAt", ConnectionAndStatementLeftOpen.class);
            }
            if (report.findings().size() != expected.size()) throw report.fail("expected exactly " + expected);
        });
    }

    /**
     * A connection that code the database called back used (an H2 function reading from another
     * connection while H2 runs a query) is still the application's: left open, it is a leak at exit;
     * closed, nothing is reported. It is not taken for a pool's connection that the query's
     * connection drives.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"leak", "closed"})
    void aConnectionUsedByCodeTheDatabaseCalledBackStaysTheApplications(String mode) {
        RunResult run = AgentRun.scenario(DatabaseCallsBackIntoTheApplication.class).args(mode).runOnce().assertCompleted();
        run.verify(() -> {
            Report report = run.report();
            if (mode.equals("closed")) {
                report.assertClean();
                return;
            }
            report.only(LEAK, EXIT).assertField("resource", "Connection")
                    .assertField("url", "jdbc:h2:mem:called-back-other")
                    .assertFirstFrameIn("createdAt", DatabaseCallsBackIntoTheApplication.class);
        });
    }

    /**
     * A mock holds no resource: Mockito's mocks of a data source, a connection and a statement,
     * closed and then verified, or never closed and used from another thread, are no finding; the
     * real connection beside them, left open, is the one leak.
     */
    @Test
    void mocksOfJdbcTypesAreNoResourcesAndARealLeakBesideThemIsFound() {
        RunResult run = AgentRun.scenario(MockedJdbcBesideARealLeak.class).runOnce().assertCompleted();
        run.verify(() -> {
            Report report = run.report();
            report.only(LEAK, EXIT).assertField("resource", "Connection")
                    .assertField("url", "jdbc:sqlite::memory:")
                    .assertFirstFrameIn("createdAt", MockedJdbcBesideARealLeak.class);
            if (report.findings().size() != 1) throw report.fail("only the real connection is a finding");
        });
    }

    /** Statements left open under a connection that lives until exit are leaks too: one site, each counted. */
    @Test
    void statementsLeftOpenUnderAConnectionOpenAtExitAreReported() {
        RunResult run = AgentRun.scenario(StatementsPileUpUntilExit.class).runOnce().assertCompleted();
        run.verify(() -> {
            Report report = run.report();
            FindingLine statements = report.single("EXIT PreparedStatement",
                    f -> EXIT.equals(f.detectedBy()) && "PreparedStatement".equals(f.resource()));
            statements.assertFirstFrameIn("createdAt", StatementsPileUpUntilExit.class);
            report.single("EXIT Connection", f -> EXIT.equals(f.detectedBy()) && "Connection".equals(f.resource()));
            if (report.totalCount(LEAK, EXIT) != 2001) throw report.fail("expected 2000 statements and their connection at exit");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void workersClosingTheirOwnConnectionsInFinallyAreSilent(Jdk jdk) {
        RunResult run = threadLocal(jdk, "fixed");
        run.verify(() -> run.report().assertClean());
    }

    // --- still open at exit ---

    static RunResult openAtExit(Jdk jdk) {
        return AgentRun.scenario(ConnectionsOpenAtExit.class).jdk(jdk).runOnce().assertCompleted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void connectionsStillOpenAtExitAreReportedAsExit(Jdk jdk) {
        RunResult run = openAtExit(jdk);
        run.verify(() -> {
            Report report = run.report();
            for (String owner : List.of("main", "daemon-holder")) {
                FindingLine f = report.single("LEAK/EXIT owned by " + owner,
                        x -> LEAK.equals(x.kind()) && EXIT.equals(x.detectedBy()) && owner.equals(x.ownerName()));
                f.assertField("resource", "Connection")
                        .assertFirstFrameIn("createdAt", ConnectionsOpenAtExit.class)
                        .assertThat(f.actorName() == null, "an EXIT leak has no actor");
            }
        });
    }

    /** Main returning as the JVM exits is exit, not its owner thread ending. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void mainEndingAtExitIsNotOwnerThreadEnded(Jdk jdk) {
        RunResult run = openAtExit(jdk);
        run.verify(() -> {
            if (!run.report().findings(LEAK, OWNER_THREAD_ENDED).isEmpty()) {
                throw run.report().fail("a connection open at exit was reported as OWNER_THREAD_ENDED");
            }
            if (run.report().findings().size() != 2) throw run.report().fail("expected exactly the two EXIT leaks");
        });
    }

    // --- a statement left open when its connection closes ---

    /**
     * A statement the application dropped is its leak however the JVM disposes of it: the close a
     * finalizer or a Cleaner makes on its own thread is neither the application's close nor a close
     * on the wrong thread.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("disposalsOnEveryJdk")
    void aStatementClosedByTheFinalizerOrACleanerIsTheApplicationsLeak(String disposal, Jdk jdk) {
        RunResult run = AgentRun.scenario(DroppedStatementDisposedOf.class).jdk(jdk).args(disposal).runOnce().assertCompleted();
        run.verify(() -> {
            run.report().only(LEAK, PARENT_CLOSED).assertField("resource", "Statement").assertOwner("main")
                    .assertFirstFrameIn("createdAt", DroppedStatementDisposedOf.class);
            if (run.report().findings().size() != 1) throw run.report().fail("expected only the statement's leak");
        });
    }

    static Stream<Arguments> disposalsOnEveryJdk() {
        return Stream.of("finalizer", "cleaner").flatMap(d -> Jdks.all().stream().map(jdk -> Arguments.of(d, jdk)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void statementLeftOpenWhenItsConnectionClosesIsReported(Jdk jdk) {
        RunResult run = AgentRun.scenario(StatementLeftOpenWhenConnectionCloses.class).jdk(jdk).runOnce().assertCompleted();
        run.verify(() -> {
            run.report().only(LEAK, PARENT_CLOSED)
                    .assertField("resource", "PreparedStatement")
                    .assertOwner("main")
                    .assertFirstFrameIn("createdAt", StatementLeftOpenWhenConnectionCloses.class);
            if (run.report().findings().size() != 1) throw run.report().fail("the statement must be reported once (not again by GC or at exit)");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void resultSetLeftForItsStatementToCloseIsNotALeak(Jdk jdk) {
        RunResult run = AgentRun.scenario(ResultSetClosedByItsStatement.class).jdk(jdk).runOnce().assertCompleted();
        run.verify(() -> run.report().assertClean());
    }

    /** sqlite-jdbc's executeQuery and close live in classes that do not implement Statement. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#primary")
    void inheritedJdbcMethodsOnSqliteGiveNoFalseLeaks(Jdk jdk) {
        RunResult run = AgentRun.scenario(ManyStatementsOnSqlite.class).jdk(jdk).runOnce().assertCompleted();
        run.verify(() -> run.report().assertClean());
    }

    // --- held too long (only with leakThreshold) ---

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#primary")
    void connectionHeldPastLeakThresholdIsReportedAndItsLateCloseFollows(Jdk jdk) {
        RunResult run = AgentRun.scenario(ConnectionHeldSixHundredMillis.class).jdk(jdk)
                .option("leakThreshold", "200ms").runOnce().assertCompleted();
        run.verify(() -> {
            Report report = run.report();
            // the scenario's own connection; set-up may trip the 200 ms threshold too while the agent installs itself
            FindingLine f = report.single("LEAK/HELD_TOO_LONG of the connection opened in main",
                            x -> HELD_TOO_LONG.equals(x.detectedBy()) && !x.createdAt().isEmpty()
                                    && x.createdAt().get(0).startsWith(ConnectionHeldSixHundredMillis.class.getName() + ".main("))
                    .assertField("kind", LEAK)
                    .assertField("resource", "Connection")
                    .assertOwner("main")
                    .assertFirstFrameIn("createdAt", ConnectionHeldSixHundredMillis.class);
            List<JsonNode> closed = report.closedAfterReport().stream()
                    .filter(c -> c.path("resourceId").asLong(-2) == f.resourceId()).collect(Collectors.toList());
            if (closed.size() != 1) throw report.fail("expected one closedAfterReport line for resource #" + f.resourceId() + ", got " + closed.size());
            JsonNode c = closed.get(0);
            if (c.path("heldMillis").asLong(0) < 600) throw report.fail("heldMillis should be at least 600, is " + c.path("heldMillis"));
            if (report.lines().indexOf(c) < report.lines().indexOf(f.json())) throw report.fail("closedAfterReport came before its finding");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#primary")
    void withoutLeakThresholdNothingIsHeldTooLong(Jdk jdk) {
        RunResult run = AgentRun.scenario(ConnectionHeldSixHundredMillis.class).jdk(jdk).runOnce().assertCompleted();
        run.verify(() -> {
            run.report().assertClean();
            if (!run.report().closedAfterReport().isEmpty()) throw run.report().fail("closedAfterReport without leakThreshold");
        });
    }

    // --- dedup ---

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#primary")
    void aThousandLeaksFromOneSiteAreOneFindingWithTheirCount(Jdk jdk) {
        RunResult run = AgentRun.scenario(LoopLeaksThousandStatements.class).jdk(jdk).runOnce().assertCompleted();
        run.verify(() -> {
            Report report = run.report();
            report.only(LEAK, PARENT_CLOSED)
                    .assertField("resource", "PreparedStatement")
                    .assertFirstFrameIn("createdAt", LoopLeaksThousandStatements.class);
            long total = report.totalCount(LEAK, PARENT_CLOSED);
            if (total < 1000) throw report.fail("the summary should count all 1000 leaked statements for that site, counts " + total);
            // besides start, finding and summary: a count line at 2, 4, ..., 512 (and 1024 if more were found)
            long other = report.lines().stream().filter(n -> !"count".equals(n.path("type").asText())).count();
            long counts = report.lines().size() - other;
            if (other > 10) throw report.fail("the report has " + other + " lines besides count lines for one deduplicated site");
            if (counts > 11) throw report.fail("the report has " + counts + " count lines for one site; one at each power of two was expected");
        });
    }
}
