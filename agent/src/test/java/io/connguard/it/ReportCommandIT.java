package io.connguard.it;

import static io.connguard.it.Kinds.CROSS_THREAD_USE;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import io.connguard.it.scenarios.HaltsAfterManyCrossThreadUses;

/** The report command on the reports real JVMs leave behind. */
class ReportCommandIT {
    /** A JVM killed before its summary: its count lines keep the count, and the command says the summary is missing. */
    @Test
    void aJvmKilledBeforeItsSummaryKeepsItsCountsWithinAFactorOfTwo() throws Exception {
        RunResult run = AgentRun.scenario(HaltsAfterManyCrossThreadUses.class).runOnce();
        Path report = run.reportFile();
        Path err = report.resolveSibling("report-command.err");
        Process command = new ProcessBuilder(Jdks.current().java().toString(), "-jar", AgentRun.agentJar().toString(),
                "report", "--format", "json", report.toString())
                .redirectError(err.toFile()).start();
        String out = new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ended = command.waitFor(120, TimeUnit.SECONDS);
        String said = Files.exists(err) ? Files.readString(err) : "";
        run.verify(() -> {
            if (run.exitCode() != 0 || !run.stdout().contains("done")) throw new AssertionError("the scenario did not run through");
            if (run.report().lines().stream().anyMatch(n -> "summary".equals(n.path("type").asText()))) {
                throw new AssertionError("the JVM halted: there should be no summary line");
            }
            run.report().only(CROSS_THREAD_USE).assertActor("repeat-user");
            if (!ended || command.exitValue() != 0) throw new AssertionError("the report command failed: " + said);
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
}
