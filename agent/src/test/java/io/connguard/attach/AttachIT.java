package io.connguard.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connguard.it.AgentRun;
import io.connguard.it.ChildProcesses;
import io.connguard.it.Jdks;
import io.connguard.it.RunResult;
import io.connguard.it.RunningJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachIT {
    private static final String AGENT = System.getProperty("connguard.agent.jar");

    @Test
    void misuseAfterAnAttachIsReportedEvenWithTheDriverLoadedBefore(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.jsonl");
        Path attached = dir.resolve("attached");
        RunningJvm target = startTarget(dir, "-XX:+EnableDynamicAgentLoading");
        try (target) {
            Attach first = attach(Long.toString(target.pid()), "report=" + report);
            assertEquals(0, first.status, first.said);
            assertEquals("connguard attached to " + target.pid() + "; it reports what is opened from now on to " + report, first.said);

            Attach second = attach(Long.toString(target.pid()), "report=" + dir.resolve("second.jsonl"), "mode=strict");
            assertEquals(1, second.status, second.said);
            assertEquals("connguard attach: connguard already runs in " + target.pid() + " (report: " + report
                + "); it keeps its options, the new ones are not applied", second.said);
            Files.createFile(attached);

            assertTrue(target.waitFor(Duration.ofSeconds(60)), "target did not end");
            String log = target.output();
            assertEquals(0, target.exitValue(), log);

            assertTrue(!Files.exists(dir.resolve("second.jsonl")), "the second attach wrote a report of its own");
            // one connection used by another thread is one finding; its prepared statement's use is a further place of it
            List<JsonNode> findings = lines(report, "finding");
            assertEquals(1, findings.size(), log);
            assertCrossThreadUse(findings.get(0), "org.sqlite.jdbc4.JDBC4Connection");
            List<JsonNode> uses = lines(report, "use");
            assertEquals(1, uses.size(), log);
            assertEquals("org.sqlite.jdbc4.JDBC4PreparedStatement", uses.get(0).get("resourceClass").asText(), log);
            assertEquals("attach-worker", uses.get(0).get("actor").get("name").asText(), log);
        }
    }

    /** The loader class was loaded before the attach too: it is retransformed, or the driver's hooks could not find connguard. */
    @Test
    void misuseAfterAnAttachIsReportedWithTheDriverInASelfContainedLoader(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.jsonl");
        RunningJvm target = startTarget(dir, "-XX:+EnableDynamicAgentLoading", "self-contained");
        try (target) {
            Attach attach = attach(Long.toString(target.pid()), "report=" + report);
            assertEquals(0, attach.status, attach.said);
            Files.createFile(dir.resolve("attached"));

            assertTrue(target.waitFor(Duration.ofSeconds(60)), "target did not end");
            String log = target.output();
            assertEquals(0, target.exitValue(), log);
            List<JsonNode> findings = lines(report, "finding");
            assertEquals(1, findings.size(), log);
            assertCrossThreadUse(findings.get(0), "org.sqlite.jdbc4.JDBC4Connection");
            assertEquals(0, lines(report, "internalError").size(), log);
        }
    }

    private static void assertCrossThreadUse(JsonNode f, String resourceClass) {
        assertEquals("CROSS_THREAD_USE", f.get("kind").asText(), f.toString());
        assertEquals(resourceClass, f.get("resourceClass").asText(), f.toString());
        assertEquals("main", f.get("owner").get("name").asText(), f.toString());
        assertEquals("attach-worker", f.get("actor").get("name").asText(), f.toString());
        assertTrue(f.get("actedAt").get(0).asText().startsWith(AttachTarget.class.getName()), f.toString());
    }

    @Test
    void aBadOptionIsRefusedBeforeAttaching() throws Exception {
        Attach attach = attach("1", "mode=loud");
        assertEquals(2, attach.status);
        assertEquals("connguard: bad value 'loud' for mode (from agent argument); valid: report, strict", attach.said);
    }

    /**
     * Another attacher (here jcmd) does not check the options first: the agent refuses them in one line
     * on the target's stderr, and the target runs on, as it would without connguard, and can be
     * attached to properly afterwards.
     */
    @Test
    void aBadOptionThroughJcmdIsRefusedAndTheTargetRunsOn(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.jsonl");
        RunningJvm target = startTarget(dir, "-XX:+EnableDynamicAgentLoading");
        try (target) {
            Process jcmd = ChildProcesses.builder(List.of(Jdks.current().home().resolve("bin").resolve("jcmd").toString(),
                    Long.toString(target.pid()), "JVMTI.agent_load", AGENT, "loud")) // jcmd itself would take key=value apart
                .redirectErrorStream(true).start();
            String jcmdSaid = new String(jcmd.getInputStream().readAllBytes());
            assertTrue(jcmd.waitFor(60, TimeUnit.SECONDS), jcmdSaid);
            assertTrue(target.isAlive(), "the target was halted: " + target.output());
            // one line that names the bad argument, lists the valid options and says the JVM runs on
            List<String> said = connguardLines(target);
            assertEquals(1, said.size(), jcmdSaid + said);
            assertTrue(said.get(0).startsWith("connguard: bad agent argument 'loud'; expected key=value, valid options: report, mode,"), said.get(0));
            assertTrue(said.get(0).endsWith("; connguard was not attached, the application runs on"), said.get(0));

            Attach proper = attach(Long.toString(target.pid()), "report=" + report);
            assertEquals(0, proper.status, proper.said);
            Files.createFile(dir.resolve("attached"));
            assertTrue(target.waitFor(Duration.ofSeconds(60)), "target did not end");
            assertEquals(0, target.exitValue(), target.output());
            assertEquals(1, lines(report, "finding").size(), target.output());
            assertEquals(1, lines(report, "use").size(), target.output());
        }
    }

    @Test
    void attachingToNoProcessSaysSo() throws Exception {
        Attach attach = attach("999999999");
        assertEquals(1, attach.status);
        assertEquals("connguard attach: no such process: 999999999", attach.said);
    }

    /** The attach API would send a SIGQUIT, which ends a process that is no JVM: it is never sent. */
    @Test
    void attachingToAProcessThatIsNoJvmSaysSoAndLeavesItRunning() throws Exception {
        Process sleep = ChildProcesses.builder(List.of("sleep", "300")).start();
        try {
            Attach attach = attach(Long.toString(sleep.pid()));
            assertEquals(1, attach.status);
            assertTrue(attach.said.startsWith("connguard attach: process " + sleep.pid() + " is not a Java virtual machine ("), attach.said);
            assertTrue(sleep.isAlive(), "the process was ended by the attempt");
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void attachingToAJvmWithAttachDisabledSaysSo(@TempDir Path dir) throws Exception {
        RunningJvm target = startTarget(dir, "-XX:+DisableAttachMechanism");
        try (target) {
            Attach attach = attach(Long.toString(target.pid()));
            assertEquals(1, attach.status);
            assertEquals("connguard attach: attach is disabled in " + target.pid() + ": it was started with -XX:+DisableAttachMechanism",
                attach.said);
            assertTrue(target.isAlive());
        }
    }

    /**
     * An {@link AttachTarget} that is ready to be attached to, its output its log; it waits for the file
     * "attached" in {@code dir}.
     */
    private static RunningJvm startTarget(Path dir, String jvmOption, String... more) throws Exception {
        Path ready = dir.resolve("ready");
        RunningJvm target = AgentRun.scenario(AttachTarget.class).withoutAgent().jvmArg(jvmOption)
            .args(dir.resolve("db.sqlite").toString(), ready.toString(), dir.resolve("attached").toString()).args(more)
            .start();
        for (int i = 0; i < 1200 && !Files.exists(ready) && target.isAlive(); i++) Thread.sleep(50);
        if (!Files.exists(ready)) target.close();
        assertTrue(Files.exists(ready), "target never got ready: " + target.output());
        return target;
    }

    private static List<String> connguardLines(RunningJvm target) {
        List<String> out = new ArrayList<>();
        for (String line : target.output().split("\\R")) {
            if (line.contains("connguard")) out.add(line);
        }
        return out;
    }

    /** What {@code java -jar connguard-agent.jar attach ARGS} said (stdout and stderr, trimmed) and its exit status. */
    private static final class Attach {
        final int status;
        final String said;

        Attach(int status, String said) {
            this.status = status;
            this.said = said;
        }
    }

    private static Attach attach(String... args) {
        RunResult attach = AgentRun.agentCommand("attach").args(args).run();
        return new Attach(attach.exitCode(), (attach.stdout() + attach.stderr()).trim());
    }

    private static List<JsonNode> lines(Path report, String type) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(report)) {
            JsonNode n = json.readTree(line);
            if (n.get("type").asText().equals(type)) out.add(n);
        }
        return out;
    }
}
