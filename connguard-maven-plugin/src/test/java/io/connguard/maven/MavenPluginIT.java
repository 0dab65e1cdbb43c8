package io.connguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's plugin block works as written: examples/maven-plugin, whose only connguard
 * configuration is that block, fails {@code mvn verify} naming both misusing tests (a Surefire test
 * sharing its connection with a CompletableFuture stage, a Failsafe test leaking one), and the same
 * project without them passes. Real {@code mvn}, this build's plugin and agent jars.
 */
class MavenPluginIT {
    @TempDir
    static Path dir;
    static IsolatedRepository repository;

    @BeforeAll
    static void installThisBuild() throws Exception {
        Path root = Paths.get("").toAbsolutePath().getParent();
        repository = new IsolatedRepository(MavenBuild.mvn(), dir, Paths.get(System.getProperty("connguard.it.sharedRepository")));
        repository.install(root.resolve("pom.xml"), root.resolve("pom.xml"));
        repository.install(Paths.get(System.getProperty("connguard.agent.jar")), root.resolve("agent/pom.xml"));
        repository.install(Paths.get(System.getProperty("connguard.plugin.jar")), root.resolve("connguard-maven-plugin/pom.xml"));
    }

    @Test
    void misusesFailTheBuildNamingEachTestInOneLine() throws Exception {
        Path project = MavenBuild.copyExample("maven-plugin", dir.resolve("failing"));
        MavenBuild build = MavenBuild.run(project, repository.mvn("verify"));

        assertNotEquals(0, build.exit, build.output);
        assertTrue(build.output.contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0\n"), "the misuse is reported, the tests pass: " + build.output);
        assertTrue(build.output.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0\n"), "the leaking IT passes too: " + build.output);
        Matcher failure = Pattern.compile("\\[ERROR\\] Failed to execute goal io\\.connguard:connguard-maven-plugin:0\\.1\\.0:check .*: "
            + "connguard: (\\d+) findings \\((\\d+) CROSS_THREAD_USE, (\\d+) LEAK\\), listed above and in .*report\\.html").matcher(build.output);
        assertTrue(failure.find(), "one line with how many of which kind: " + build.output);
        assertFalse(build.output.contains("\tat "), "no stack trace: " + build.output);
        // the text report's blocks in the log name each test by its frame
        assertTrue(build.output.contains("[WARNING]         io.connguard.examples.SharedConnectionTest.countsOrdersInACompletableFuture(SharedConnectionTest.java:"),
            build.output);
        assertTrue(build.output.contains("[WARNING]         io.connguard.examples.ForgottenConnectionIT.selectsOneWithoutClosing(ForgottenConnectionIT.java:"),
            build.output);

        Path reports = project.resolve("target/connguard");
        assertEquals(2, jsonl(reports).size(), "a report from the Surefire fork and one from the Failsafe fork: " + jsonl(reports));
        assertTrue(Files.readString(reports.resolve("report.html")).contains("SharedConnectionTest"));
        assertTrue(Files.readString(reports.resolve("report.sarif")).matches("(?s).*\"ruleId\": *\"LEAK\".*"), "SARIF written");
    }

    @Test
    void theSameProjectWithoutItsMisusesPasses() throws Exception {
        Path project = MavenBuild.copyExample("maven-plugin", dir.resolve("clean"));
        Path tests = project.resolve("src/test/java/io/connguard/examples");
        Files.delete(tests.resolve("SharedConnectionTest.java"));
        Files.delete(tests.resolve("ForgottenConnectionIT.java"));
        MavenBuild build = MavenBuild.run(project, repository.mvn("verify", "-Dconnguard.leakThreshold=10m"));

        assertEquals(0, build.exit, build.output);
        assertTrue(build.output.contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0\n"), "the project's own argLine kept: " + build.output);
        assertTrue(build.output.contains("[INFO] connguard report: no findings in 1 report"), build.output);
        String start = Files.readAllLines(jsonl(project.resolve("target/connguard")).get(0)).get(0);
        assertTrue(start.contains("\"leakThreshold\":\"10m\""), "an option on the mvn command line reaches the test JVM: " + start);
    }

    /** An option or a kind on the command line is checked as the configuration is: before any test runs. */
    @Test
    void aBadValueOnTheCommandLineStopsTheBuildBeforeTheTests() throws Exception {
        Path project = MavenBuild.copyExample("maven-plugin", dir.resolve("bad-values"));
        MavenBuild mode = MavenBuild.run(project, repository.mvn("verify", "-Dconnguard.mode=loud"));
        assertNotEquals(0, mode.exit, mode.output);
        assertTrue(mode.output.contains("connguard: bad value 'loud' for mode (from agent argument); valid: report, strict"), mode.output);
        assertFalse(mode.output.contains("Tests run:"), mode.output);

        MavenBuild failOn = MavenBuild.run(project, repository.mvn("verify", "-Dconnguard.failOn=LEAKS"));
        assertNotEquals(0, failOn.exit, failOn.output);
        assertTrue(failOn.output.contains("connguard: unknown kind 'LEAKS' in <failOn>; valid: "), failOn.output);
        assertFalse(failOn.output.contains("Tests run:"), failOn.output);
    }

    /**
     * Tests that ran without the agent (here an argLine on the command line, which wins over the one
     * prepare-agent set) leave no report: the check fails rather than pass on what nobody checked.
     * A build that runs no tests has nothing to check, and passes.
     */
    @Test
    void testsThatRanWithoutTheAgentFailTheCheck() throws Exception {
        Path project = MavenBuild.copyExample("maven-plugin", dir.resolve("without-agent"));
        MavenBuild build = MavenBuild.run(project, repository.mvn("verify", "-DargLine=-Duser.timezone=UTC"));
        assertNotEquals(0, build.exit, build.output);
        assertTrue(build.output.contains("connguard: tests ran (surefire-reports, failsafe-reports) but wrote no report to "
            + project.resolve("target/connguard") + ": they ran without the agent"), build.output);

        MavenBuild skipped = MavenBuild.run(project, repository.mvn("verify", "-DskipTests"));
        assertEquals(0, skipped.exit, skipped.output);
        assertTrue(skipped.output.contains("[INFO] connguard: no tests ran in this build"), skipped.output);
    }

    /**
     * Adopting the gate on a code base with known misuses: one build writes the baseline and passes;
     * the next, with the file in the module, passes too, its findings shown as known.
     */
    @Test
    void aBaselineWrittenByOneBuildLetsTheNextPassOnTheSameSites() throws Exception {
        Path project = MavenBuild.copyExample("maven-plugin", dir.resolve("baseline"));
        MavenBuild write = MavenBuild.run(project, repository.mvn("verify", "-Dconnguard.writeBaseline=true"));
        assertEquals(0, write.exit, write.output);
        String baseline = Files.readString(project.resolve("connguard-baseline.json"));
        assertTrue(baseline.contains("\"kind\": \"CROSS_THREAD_USE\"") && baseline.contains("\"kind\": \"LEAK\""), baseline);

        MavenBuild next = MavenBuild.run(project, repository.mvn("clean", "verify"));
        assertEquals(0, next.exit, next.output);
        assertTrue(next.output.contains("in the baseline (known, not failing the gate): "), next.output);
        assertTrue(next.output.matches("(?s).*\\[INFO\\] connguard: the \\d+ findings that would fail the build \\(failOn any\\) are at sites the baseline "
            + Pattern.quote(project.resolve("connguard-baseline.json").toString()) + " lists; the report is .*"), next.output);
    }

    private static List<Path> jsonl(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jsonl")).collect(Collectors.toList());
        }
    }
}
