package io.connguard.it;

import static io.connguard.contract.Kind.Names.CONCURRENT_USE;
import static io.connguard.contract.Kind.Names.CROSS_THREAD_USE;
import static io.connguard.contract.LeakCause.Names.EXIT;
import static io.connguard.contract.Kind.Names.LEAK;
import static io.connguard.contract.LeakCause.Names.PARENT_CLOSED;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.connguard.it.scenarios.ClassFileWitness;
import io.connguard.it.scenarios.ConnectionSharedByFourThreads;
import io.connguard.it.scenarios.LeaksThroughOneHelper;
import io.connguard.it.scenarios.RunsLibraryTests;
import io.connguard.it.scenarios.StatementsMadeEveryWay;
import io.connguard.it.scenarios.WrapsJdbcInItsOwnProxies;

/** One bug, one finding, at the developer's line: what the report of a whole JVM groups and keeps apart. */
@Execution(ExecutionMode.CONCURRENT)
class SitesIT {

    @Test
    void twoCallersOfOneHelperAreTwoFindingsAndAStatementIsFoundAtItsOwnLine() {
        RunResult run = AgentRun.scenario(LeaksThroughOneHelper.class).runOnce().assertCompleted();
        run.verify(() -> {
            Report report = run.report();
            String helper = LeaksThroughOneHelper.class.getName();
            List<FindingLine> leaks = report.findings(LEAK, EXIT);
            if (leaks.size() != 2) throw report.fail("expected one EXIT leak per caller of the helper, found " + leaks.size());
            FindingLine load = report.single("the leak from load", f -> EXIT.equals(f.detectedBy()) && f.createdAt().size() > 1
                    && f.createdAt().get(1).startsWith(helper + ".load("));
            FindingLine save = report.single("the leak from save", f -> EXIT.equals(f.detectedBy()) && f.createdAt().size() > 1
                    && f.createdAt().get(1).startsWith(helper + ".save("));
            load.assertThat(load.createdAt().get(0).startsWith(helper + ".open("), "the first frame is the helper's");
            load.assertThat(!load.site().equals(save.site()), "two callers are two sites");
            if (count(report, load.site()) != 3 || count(report, save.site()) != 1) {
                throw report.fail("expected load's site 3 times and save's once in the summary");
            }

            FindingLine statement = report.only(LEAK, PARENT_CLOSED)
                    .assertField("resource", "PreparedStatement");
            statement.assertThat(statement.createdAt().size() == 1 && statement.createdAt().get(0).startsWith(helper + ".rows("),
                    "createdAt is the one line that created the statement, not its connection's");
            statement.assertThat(statement.json().path("connectionCreatedAt").get(0).asText().startsWith(helper + ".open("),
                    "the connection's stack is beside it");
            if (count(report, statement.site()) != 2) throw report.fail("the statement left open via two connections is one site, twice");
        });
    }

    /**
     * A statement's creating line is the line that made it, whichever of Connection's methods made
     * it, in a lambda, a nested class, through the driver's own connection type (a call connguard
     * does not rewrite), in a proxy's handler called from a line that passed its site (a proxy the
     * JDK defines in the application's package too), or by a method
     * reference just after a call on a null connection; with a stack for every statement
     * ({@code stacks=all}) too. The program
     * sees what it sees without the agent: the frames of an exception too.
     */
    @ParameterizedTest
    @ValueSource(strings = {"connections", "all"})
    void aStatementsCreatingLineIsTheLineThatMadeItWhicheverWayItWasMade(String stacks) {
        RunResult run = AgentRun.scenario(StatementsMadeEveryWay.class).option("stacks", stacks).runOnce().assertCompleted();
        RunResult without = AgentRun.scenario(StatementsMadeEveryWay.class).withoutAgent().runOnce();
        Unchanged.assertSameStdoutAndExit(run, without);
        run.verify(() -> {
            Set<String> madeAt = run.stdoutLines().stream().filter(l -> l.startsWith("made at "))
                .map(l -> l.substring("made at ".length())).collect(Collectors.toCollection(TreeSet::new));
            if (madeAt.size() != StatementsMadeEveryWay.WAYS) throw new AssertionError("the scenario should print " + StatementsMadeEveryWay.WAYS + " lines: " + madeAt);
            if (run.stdoutLines().stream().noneMatch(l -> l.startsWith("refused at " + StatementsMadeEveryWay.class.getName() + ".main("))) {
                throw new AssertionError("the refused statement's exception should show the line that called H2 just below H2's frames");
            }
            Set<String> reported = run.report().findings(LEAK, PARENT_CLOSED).stream().map(f -> f.createdAt().get(0))
                .collect(Collectors.toCollection(TreeSet::new));
            if (!reported.equals(madeAt)) throw run.report().fail("statements left open at " + madeAt + ", reported at " + reported);
        });
    }

    /**
     * An agent loaded after connguard that cannot retransform (a coverage agent such as JaCoCo,
     * which checks its classes against the files on disk) is handed the application's class as
     * compiled: connguard gives the statement-making calls their sites after it.
     */
    @Test
    void aCoverageAgentAfterConnguardIsHandedTheClassAsCompiled(@TempDir Path dir) throws IOException {
        Path witness = dir.resolve("witness.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", ClassFileWitness.class.getName());
        try (OutputStream out = Files.newOutputStream(witness); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            // only the manifest: the class comes from the scenario class path
        }
        RunResult run = AgentRun.scenario(StatementsMadeEveryWay.class)
            .jvmArg("-javaagent:" + witness + "=" + StatementsMadeEveryWay.class.getName()).runOnce().assertCompleted();
        run.verify(() -> {
            if (!run.stdoutLines().contains("handed the class file as compiled: true")) {
                throw new AssertionError("the second agent was handed a rewritten class: " + run.stdout());
            }
            if (run.report().findings(LEAK, PARENT_CLOSED).size() != StatementsMadeEveryWay.WAYS) throw run.report().fail("the statements' leaks, one per line");
        });
    }

    /**
     * A JDK proxy's handler is the wrapper's plumbing, as a wrapper class's methods are: a finding
     * names the line that called the proxy, and a handler's own work names the handler.
     */
    @Test
    void theApplicationsOwnJdbcProxiesAreSeenThrough() {
        RunResult run = AgentRun.scenario(WrapsJdbcInItsOwnProxies.class).runOnce().assertCompleted();
        run.verify(() -> {
            Report report = run.report();
            String scenario = WrapsJdbcInItsOwnProxies.class.getName();
            List<FindingLine> leaks = report.findings(LEAK, PARENT_CLOSED);
            FindingLine leak = report.single("the statement leaked through the proxy",
                    f -> PARENT_CLOSED.equals(f.detectedBy()) && f.createdAt().get(0).startsWith(scenario + ".leak("));
            leak.assertThat(leak.actedAt().get(0).startsWith(scenario + ".leak("), "the close is the line that closed the proxy");
            report.single("the statement the handler leaked itself",
                    f -> PARENT_CLOSED.equals(f.detectedBy()) && f.createdAt().get(0).startsWith(scenario + "$Auditing.audit("));
            FindingLine cross = report.only(CROSS_THREAD_USE).assertOwner("main").assertActor("worker");
            cross.assertThat(cross.actedAt().get(0).startsWith(scenario + ".useOnWorker("), "the use is the worker's call of the proxy");
            cross.assertThat(cross.createdAt().get(0).startsWith(scenario + ".main("), "the open is main's");
            if (leaks.size() != 2 || report.findings().size() != 3) throw report.fail("expected the two leaks and the cross-thread use, nothing else");
        });
    }

    @Test
    void oneConnectionSharedByFourThreadsIsOneFindingListingItsPlaces() {
        RunResult run = AgentRun.scenario(ConnectionSharedByFourThreads.class).runOnce().assertCompleted();
        run.verify(() -> {
            Report report = run.report();
            String scenario = ConnectionSharedByFourThreads.class.getName();
            FindingLine cross = report.only(CROSS_THREAD_USE).assertOwner("main")
                    .assertFirstFrameIn("createdAt", ConnectionSharedByFourThreads.class);
            if (!report.findings(CONCURRENT_USE).isEmpty()) throw report.fail("the workers never overlapped");
            if (report.findings().size() != 1) throw report.fail("one shared connection is one finding");

            List<JsonNode> useLines = report.lines().stream().filter(n -> "use".equals(n.path("type").asText())).collect(Collectors.toList());
            if (useLines.size() != 1 || !cross.site().equals(useLines.get(0).path("site").asText())) {
                throw report.fail("the second place is one use line of the same site");
            }
            JsonNode site = summarySite(report, cross.site());
            if (site.path("count").asLong() != 40) throw report.fail("4 workers x 5 rounds x 2 places = 40 uses");
            Set<String> places = new TreeSet<>();
            for (JsonNode use : site.path("uses")) {
                String at = use.path("actedAt").get(0).asText();
                places.add(use.path("method").asText() + " " + use.path("resource").asText() + " " + at.substring(0, at.indexOf('(')));
                if (use.path("count").asLong() != 20 || use.path("threads").size() != 4) {
                    throw report.fail("each place was used 20 times by the four workers: " + use);
                }
            }
            Set<String> expected = new TreeSet<>(List.of("prepareStatement Connection " + scenario + ".find",
                    "executeQuery PreparedStatement " + scenario + ".countAll"));
            if (!places.equals(expected)) throw report.fail("places " + places + ", expected " + expected);
            if (!run.stderr().contains("connguard: 40 uses from 2 places at site " + cross.site())) {
                throw report.fail("the log lists the places at exit");
            }
        });
    }

    @Test
    void underALibrarysOwnTestsTheSiteIsTheTestLineAndTheRunnerIsCutOff() {
        RunResult run = AgentRun.scenario(RunsLibraryTests.class).runOnce().assertCompleted();
        run.verify(() -> {
            Report report = run.report();
            String test = "org.apache.ibatis.connguardit.LeakingInLibraryPackage";
            // OWNER_THREAD_ENDED or EXIT, as the launcher's threads end
            List<FindingLine> leaks = report.findings(LEAK);
            if (leaks.size() != 2) throw report.fail("expected one leak per test, found " + leaks.size());
            List<String> tests = new ArrayList<>();
            for (FindingLine leak : leaks) {
                List<String> frames = leak.createdAt();
                leak.assertThat(frames.get(0).startsWith(test + "."), "the first frame is the test's, not the library's or JUnit's: " + frames);
                leak.assertThat(frames.stream().noneMatch(f -> f.startsWith("org.junit.") || f.startsWith("org.apache.ibatis.connguardit.LibraryHelper")),
                        "no JUnit or library frame is shown as the application's: " + frames);
                String last = frames.get(frames.size() - 1);
                leak.assertThat(last.startsWith(test + ".opens"), "the stack ends at the test method: " + frames);
                tests.add(leak.json().path("createdInTest").asText());
                leak.assertThat(leak.json().path("openedFor").asText().startsWith(test + "."),
                        "the library took it for the test: openedFor " + leak.json().path("openedFor"));
            }
            tests.sort(null);
            if (!tests.equals(List.of(test + ".opensInsideAnAssertion", test + ".opensThroughTheLibrary"))) {
                throw report.fail("createdInTest names each test: " + tests);
            }
        });
    }

    private static JsonNode summarySite(Report report, String site) {
        for (JsonNode s : report.summary().path("sites")) {
            if (site.equals(s.path("site").asText())) return s;
        }
        throw report.fail("the summary does not list " + site);
    }

    private static long count(Report report, String site) {
        return summarySite(report, site).path("count").asLong();
    }
}
