package io.connguard.it;

import static io.connguard.contract.Kind.Names.CROSS_THREAD_USE;
import static io.connguard.contract.LeakCause.Names.EXIT;
import static io.connguard.contract.Kind.Names.LEAK;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.connguard.it.scenarios.CatchesSqlExceptionBeforeAnyJdbc;
import io.connguard.it.scenarios.CorrectProgramExitsThree;
import io.connguard.it.scenarios.DoesNothing;
import io.connguard.it.scenarios.HandOffToAnotherThread;
import io.connguard.it.scenarios.SecretsInUrlAndSql;
import io.connguard.it.scenarios.WorkerUsesMainsConnection;

/**
 * What the agent promises besides finding bugs: it changes nothing in the program (except in strict
 * mode, on request), keeps secrets out of its output, stops on a bad option with one clear line, and
 * adds exactly its own two lines to stderr.
 */
@Execution(ExecutionMode.CONCURRENT)
class ReportSafetyIT {
    static final String PASSWORD = "S3cretPw";
    static final String LITERAL = "S3cretLit";

    // --- strict mode ---

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void strictModeThrowsSqlExceptionAtTheOffendingCall(Jdk jdk) {
        RunResult run = AgentRun.scenario(WorkerUsesMainsConnection.class).jdk(jdk).option("mode", "strict").runOnce().assertCompleted();
        run.verify(() -> {
            FindingLine f = run.report().only(CROSS_THREAD_USE).assertOwner("main").assertActor("strict-user");
            List<String> caught = run.stdoutLines().stream().filter(l -> l.startsWith("caught ")).collect(Collectors.toList());
            if (caught.size() != 1) throw new AssertionError("in strict mode the scenario should have caught one SQLException, stdout says otherwise");
            String line = caught.get(0);
            String message = line.substring(line.indexOf(": ") + 2);
            if (!message.startsWith("connguard CROSS_THREAD_USE")) {
                throw new AssertionError("the SQLException's message should be the finding's one-line summary, starting with "
                        + "\"connguard CROSS_THREAD_USE\"; it is: " + message);
            }
            for (String part : List.of("\"main\"", "\"strict-user\"", "createStatement", f.resourceClass() + "#" + f.resourceId())) {
                if (!message.contains(part)) throw new AssertionError("the strict-mode message should name " + part + ": " + message);
            }
            if (message.contains("\n")) throw new AssertionError("the strict-mode message should be one line");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void reportModeLetsTheSameCallSucceed(Jdk jdk) {
        RunResult run = AgentRun.scenario(WorkerUsesMainsConnection.class).jdk(jdk).runOnce().assertCompleted();
        run.verify(() -> {
            run.report().only(CROSS_THREAD_USE).assertOwner("main").assertActor("strict-user");
            if (!run.stdout().contains("call succeeded: 10 items")) throw new AssertionError("in report mode the call must succeed");
        });
    }

    // --- the program is unchanged ---

    static RunResult exitsThree(Jdk jdk) {
        return AgentRun.scenario(CorrectProgramExitsThree.class).jdk(jdk).runOnce();
    }

    static RunResult exitsThreeWithoutAgent(Jdk jdk) {
        return AgentRun.scenario(CorrectProgramExitsThree.class).jdk(jdk).withoutAgent().runOnce();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void exitStatusIsUnchangedByTheAgent(Jdk jdk) {
        RunResult baseline = exitsThreeWithoutAgent(jdk);
        RunResult run = exitsThree(jdk);
        baseline.verify(() -> {
            if (baseline.exitCode() != 3) throw new AssertionError("without the agent the scenario should exit 3");
        });
        run.verify(() -> {
            if (run.exitCode() != 3) throw new AssertionError("with the agent the scenario exited " + run.exitCode() + ", without it 3");
            run.report().assertClean(); // and the summary was written although the program called System.exit
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void stdoutIsIdenticalWithAndWithoutTheAgent(Jdk jdk) {
        RunResult baseline = exitsThreeWithoutAgent(jdk);
        RunResult run = exitsThree(jdk);
        run.verify(() -> {
            if (!run.stdout().equals(baseline.stdout())) {
                throw new AssertionError("stdout differs; without the agent it was:\n" + baseline.stdout());
            }
        });
    }

    /**
     * The agent must never change what the application does: a main class whose verification loads
     * java.sql.SQLException before any driver class (a catch clause is enough) must start and run.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void mainClassMentioningSqlExceptionStartsAndRuns(Jdk jdk) {
        RunResult run = AgentRun.scenario(CatchesSqlExceptionBeforeAnyJdbc.class).jdk(jdk).runOnce().assertCompleted();
        run.verify(() -> run.report().assertClean());
    }

    /** A developer sees connguard's start line and its summary line on stderr, and nothing else. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void startUpIsQuietApartFromConnguardsOwnTwoLines(Jdk jdk) {
        RunResult baseline = exitsThreeWithoutAgent(jdk);
        RunResult run = exitsThree(jdk);
        baseline.verify(() -> {
            if (!baseline.stderrLines().isEmpty()) throw new AssertionError("the scenario itself writes to stderr: fix the test");
        });
        run.verify(() -> {
            List<String> lines = run.stderrLines();
            for (String line : lines) {
                if (line.contains("Sharing is only supported") || line.startsWith("WARNING") || line.toLowerCase().contains("warning:")) {
                    throw new AssertionError("a JVM warning on stderr: " + line);
                }
            }
            if (lines.size() != 2) throw new AssertionError("expected exactly two stderr lines (start and summary), got " + lines.size());
            if (!(lines.get(0).contains("connguard ") && lines.get(0).contains("watching JDBC"))) {
                throw new AssertionError("the first stderr line should be connguard's start line (\"connguard ... watching JDBC\"): " + lines.get(0));
            }
            if (!lines.get(1).contains("connguard")) throw new AssertionError("the last stderr line should be connguard's summary: " + lines.get(1));
        });
    }

    /**
     * Build tools often put the agent jar on the application's class path too. Two copies of
     * the agent's classes must not meet: no LinkageError, and the findings are the same.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#primary")
    void agentJarAlsoOnTheClassPathChangesNothing(Jdk jdk) {
        RunResult run = AgentRun.scenario(HandOffToAnotherThread.class).jdk(jdk)
                .appendClasspath(AgentRun.agentJar().toString()).runOnce().assertCompleted();
        run.verify(() -> {
            if (run.stderr().contains("LinkageError") || run.stdout().contains("LinkageError")) throw new AssertionError("LinkageError");
            if (run.report().findings(CROSS_THREAD_USE).size() != 3 || run.report().findings().size() != 3) {
                throw new AssertionError("expected the three CROSS_THREAD_USE findings of the hand-off scenario");
            }
        });
    }

    // --- secrets ---

    /** Also used by {@link MysqlIT}. */
    static void assertSecretsStayOut(RunResult run, String urlPart, boolean rawSql) {
        run.assertCompleted();
        run.verify(() -> {
            Report report = run.report();
            for (String secret : rawSql ? List.of(PASSWORD) : List.of(PASSWORD, LITERAL)) {
                if (run.reportText().contains(secret)) throw report.fail("the report contains " + secret);
                if (run.stderr().contains(secret)) throw report.fail("stderr contains " + secret);
            }
            FindingLine used = report.single("CROSS_THREAD_USE of the PreparedStatement",
                    f -> CROSS_THREAD_USE.equals(f.kind()) && "PreparedStatement".equals(f.resource()));
            used.assertActor("secret-user");
            used.assertThat(used.url() != null && used.url().contains(urlPart), "url should be present (redacted) and name " + urlPart);
            String sql = used.sql();
            used.assertThat(sql != null && sql.contains("WHERE name ="), "sql should be present");
            if (rawSql) used.assertThat(sql.contains("'" + LITERAL + "'"), "with sql=raw the literal stays");
            else used.assertThat(sql.matches(".*name\\s*=\\s*\\?.*") && sql.matches(".*id\\s*=\\s*\\?.*"),
                    "sanitized sql replaces both literals ('S3cretLit' and 1) with ?");
            FindingLine leaked = report.only(LEAK, EXIT).assertOwner("main");
            leaked.assertThat(leaked.url() != null && leaked.url().contains(urlPart), "the leak's url should be present (redacted)");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#primary")
    void passwordsAndSqlLiteralsNeverReachTheReportOrTheLog(Jdk jdk) {
        assertSecretsStayOut(AgentRun.scenario(SecretsInUrlAndSql.class).jdk(jdk).runOnce(), "secrets.db", false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#primary")
    void sqlRawKeepsLiteralsButNeverPasswords(Jdk jdk) {
        assertSecretsStayOut(AgentRun.scenario(SecretsInUrlAndSql.class).jdk(jdk).option("sql", "raw").runOnce(), "secrets.db", true);
    }

    // --- options ---

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#primary")
    void badOptionStopsTheJvmWithOneLineNamingItAndTheValidValues(Jdk jdk) {
        assertStoppedByBadMode(AgentRun.scenario(DoesNothing.class).jdk(jdk).option("mode", "loud").run());
    }

    /** Each key also as system property connguard.KEY and environment variable CONNGUARD_KEY: checked the same way. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#primary")
    void badOptionFromSystemPropertyOrEnvironmentStopsTheJvmToo(Jdk jdk) {
        assertStoppedByBadMode(AgentRun.scenario(DoesNothing.class).jdk(jdk).jvmArg("-Dconnguard.mode=loud").run());
        assertStoppedByBadMode(AgentRun.scenario(DoesNothing.class).jdk(jdk).env("CONNGUARD_MODE", "loud").run());
    }

    /**
     * A report file the agent cannot create is as unusable as a bad value: a JVM that ran on would
     * leave the gate no report, and the findings only in a log nobody reads.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#primary")
    void aReportFileThatCannotBeCreatedStopsTheJvmWithOneLineNamingItAndWhy(Jdk jdk, @TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-directory"), "");
        Path report = blocker.resolve("report.jsonl");
        RunResult run = AgentRun.scenario(DoesNothing.class).jdk(jdk).rawAgentArgs("report=" + report).run();
        run.verify(() -> {
            if (run.exitCode() == 0 || run.stdout().contains("ran")) throw new AssertionError("the program ran without its report");
            String expected = "connguard: cannot open the report file " + report + " (" + blocker + " is a file, not a directory);"
                + " report= takes a file in a directory connguard can create and write";
            if (!run.stderrLines().equals(List.of(expected))) throw new AssertionError("expected one line: " + expected + ", got " + run.stderrLines());
        });
    }

    /**
     * The default report file, in a working directory nobody may write (Linux's {@code /sys}, read-only
     * even to root), is no choice of the user's: the program runs, its findings in the log only.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#primary")
    void aDefaultReportFileThatCannotBeCreatedLeavesTheFindingsToTheLog(Jdk jdk) {
        Path readOnly = Path.of("/sys");
        Assumptions.assumeTrue(Files.isDirectory(readOnly), "needs /sys (Linux)");
        RunResult run = AgentRun.scenario(DoesNothing.class).jdk(jdk).rawAgentArgs("").workingDirectory(readOnly).run();
        run.verify(() -> {
            if (run.exitCode() != 0 || !run.stdout().contains("ran")) throw new AssertionError("the program did not run");
            List<String> said = run.stderrLines().stream().filter(l -> l.startsWith("connguard: cannot open the report file /sys/"))
                .collect(Collectors.toList());
            if (said.size() != 1 || !said.get(0).endsWith("; findings are only logged")) throw new AssertionError("expected one line saying so: " + run.stderrLines());
        });
    }

    static void assertStoppedByBadMode(RunResult run) {
        run.verify(() -> {
            if (run.exitCode() == 0) throw new AssertionError("the JVM ran with a bad option");
            if (run.stdout().contains("ran")) throw new AssertionError("the program ran although the agent's options were bad");
            List<String> lines = run.stderrLines();
            if (lines.size() != 1) throw new AssertionError("expected one stderr line, got " + lines.size());
            String line = lines.get(0);
            for (String part : List.of("mode", "report", "strict")) {
                if (!line.contains(part)) throw new AssertionError("the line should name " + part + ": " + line);
            }
            if (line.contains("Exception") || line.contains("\tat ")) throw new AssertionError("no stack trace expected: " + line);
        });
    }
}
