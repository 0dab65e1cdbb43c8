package io.connguard.it;

import static io.connguard.contract.Kind.Names.CROSS_THREAD_USE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import io.connguard.it.scenarios.HaltsAfterManyCrossThreadUses;
import io.connguard.it.scenarios.PrintsItsEnvironment;

/** The report command on the reports real JVMs leave behind. */
class ReportCommandIT {
    /**
     * A developer who runs connguard strict in their own shell still gets the tests' children as the
     * tests set them up: neither the connguard variables nor the JVM option variables reach a child,
     * the other variables do.
     */
    @Test
    void theDevelopersOwnSettingsDoNotReachAChildJvm() {
        Map<String, String> shell = new HashMap<>(System.getenv());
        shell.put("CONNGUARD_MODE", "strict");
        shell.put("JAVA_TOOL_OPTIONS", "-Dconnguard.mode=strict");
        shell.put("IT_SHELL", "kept");
        RunResult run = AgentRun.scenario(PrintsItsEnvironment.class).parentEnvironment(shell).run().assertCompleted();
        run.verify(() -> {
            List<String> env = run.stdoutLines();
            if (!env.contains("IT_SHELL=kept")) throw new AssertionError("the child should get the rest of the parent's environment");
            for (String line : env) {
                if (line.startsWith("CONNGUARD_") || line.startsWith("JAVA_TOOL_OPTIONS=")) {
                    throw new AssertionError("the developer's setting reached the child: " + line);
                }
            }
            if (run.stderr().contains("Picked up")) throw new AssertionError("the child JVM read JAVA_TOOL_OPTIONS");
        });
    }

    /** A JVM killed before its summary: its count lines keep the count, and the command says the summary is missing. */
    @Test
    void aJvmKilledBeforeItsSummaryKeepsItsCountsWithinAFactorOfTwo() throws Exception {
        RunResult run = AgentRun.scenario(HaltsAfterManyCrossThreadUses.class).runOnce();
        Path report = run.reportFile();
        RunResult command = AgentRun.agentCommand("report").args("--format", "json", report.toString())
                .timeout(Duration.ofSeconds(120)).run();
        String out = command.stdout();
        String said = command.stderr();
        run.verify(() -> {
            if (run.exitCode() != 0 || !run.stdout().contains("done")) throw new AssertionError("the scenario did not run through");
            if (run.report().lines().stream().anyMatch(n -> "summary".equals(n.path("type").asText()))) {
                throw new AssertionError("the JVM halted: there should be no summary line");
            }
            run.report().only(CROSS_THREAD_USE).assertActor("repeat-user");
            if (command.exitCode() != 0) throw new AssertionError("the report command failed: " + said);
            long count;
            try {
                count = new ObjectMapper().readTree(out).path("sites").path(0).path("count").asLong();
            } catch (IOException e) {
                throw new AssertionError("the report command's json does not parse: " + out, e);
            }
            if (count < 1050 || count > 2100) throw new AssertionError("the merged count is " + count + ", expected 2100 within a factor of two");
            if (!said.contains("no summary line (the JVM was killed, or is still running)")) {
                throw new AssertionError("the command should say that the summary is missing; it said: " + said);
            }
        });
    }

    /** {@code java -jar connguard-agent.jar report ARGS} in {@code dir}: what it did, its exit status and stderr. */
    private static RunResult report(Path dir, String... args) {
        return AgentRun.agentCommand("report").args(args).workingDirectory(dir).timeout(Duration.ofSeconds(120)).run();
    }

    private static String leakLine(int dbLine, int callerLine) {
        return "{\"type\":\"finding\",\"time\":\"2026-11-25T10:00:02Z\",\"kind\":\"LEAK\",\"detectedBy\":\"EXIT\",\"resource\":\"Connection\","
            + "\"resourceId\":3,\"connectionId\":3,\"owner\":{\"name\":\"main\",\"id\":1,\"virtual\":false},"
            + "\"createdAt\":[\"com.example.Db.open(Db.java:" + dbLine + ")\",\"com.example.Orders.load(Orders.java:" + callerLine + ")\"],"
            + "\"site\":\"LEAK/EXIT Connection com.example.Db.open(Db.java:" + dbLine + ") < com.example.Orders.load(Orders.java:" + callerLine + ")\",\"count\":1}";
    }

    /**
     * A team writes a baseline from today's report; an edit then moves every line: the next report
     * differs only in line numbers, and the gate of the real jar still passes. A new site fails it.
     */
    @Test
    void aBaselineWrittenFromAReportSurvivesAnEditThatShiftsLineNumbers() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/it-runs/baseline-" + System.nanoTime()));
        String start = "{\"type\":\"start\",\"time\":\"2026-11-25T10:00:00Z\",\"version\":\"0.1.0\",\"pid\":1}";
        Files.write(dir.resolve("before.jsonl"), List.of(start, leakLine(40, 12)));
        Files.write(dir.resolve("after.jsonl"), List.of(start, leakLine(44, 15)));
        Files.write(dir.resolve("new.jsonl"), List.of(start, leakLine(44, 15).replace("Orders.load", "Orders.save")));

        RunResult written = report(dir, "--write-baseline", "connguard-baseline.json", "before.jsonl");
        if (written.exitCode() != 0) throw new AssertionError("--write-baseline failed: " + written.stderr());
        String baseline = Files.readString(dir.resolve("connguard-baseline.json"));
        if (!baseline.contains("\"identity\": \"LEAK/EXIT Connection com.example.Db.open(Db.java) < com.example.Orders.load(Orders.java)\"")) {
            throw new AssertionError("the baseline should hold the site without line numbers: " + baseline);
        }
        RunResult movedRun = report(dir, "--baseline", "connguard-baseline.json", "--fail-on", "any", "after.jsonl");
        int moved = movedRun.exitCode();
        String said = movedRun.stderr();
        if (moved != 0 || said.contains("fixed")) throw new AssertionError("a moved site is still known, and nothing was fixed; exit " + moved + ": " + said);
        RunResult addedRun = report(dir, "--baseline", "connguard-baseline.json", "--fail-on", "any", "new.jsonl");
        int added = addedRun.exitCode();
        said = addedRun.stderr();
        if (added != 1 || !said.contains("at sites not in the baseline")) throw new AssertionError("a new site must fail the gate; exit " + added + ": " + said);
        if (!said.contains("fixed: LEAK/EXIT Connection com.example.Db.open(Db.java) < com.example.Orders.load(Orders.java)")) {
            throw new AssertionError("the site no longer seen should be listed as fixed: " + said);
        }
    }
}
