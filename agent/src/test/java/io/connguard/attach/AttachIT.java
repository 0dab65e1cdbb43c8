package io.connguard.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachIT {
    private static final String JAVA = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    private static final String AGENT = System.getProperty("connguard.agent.jar");

    @Test
    void misuseAfterAnAttachIsReportedEvenWithTheDriverLoadedBefore(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.jsonl");
        Path ready = dir.resolve("ready");
        Path attached = dir.resolve("attached");
        Process target = new ProcessBuilder(JAVA, "-XX:+EnableDynamicAgentLoading", "-cp", System.getProperty("connguard.scenario.classpath"),
                AttachTarget.class.getName(), dir.resolve("db.sqlite").toString(), ready.toString(), attached.toString())
            .redirectErrorStream(true).redirectOutput(dir.resolve("target.log").toFile()).start();
        try {
            for (int i = 0; i < 600 && !Files.exists(ready); i++) Thread.sleep(50);
            assertTrue(Files.exists(ready), "target never got ready: " + Files.readString(dir.resolve("target.log")));

            Process attach = new ProcessBuilder(JAVA, "-jar", AGENT, "attach", Long.toString(target.pid()), "report=" + report)
                .redirectErrorStream(true).start();
            String said = new String(attach.getInputStream().readAllBytes());
            assertEquals(0, attach.waitFor(), said);
            assertTrue(said.contains("connguard attached to " + target.pid()), said);
            Files.createFile(attached);

            assertTrue(target.waitFor(60, TimeUnit.SECONDS), "target did not end");
            String log = Files.readString(dir.resolve("target.log"));
            assertEquals(0, target.exitValue(), log);

            List<JsonNode> findings = findings(report);
            assertEquals(2, findings.size(), log);
            assertCrossThreadUse(findings.get(0), "org.sqlite.jdbc4.JDBC4Connection");
            assertCrossThreadUse(findings.get(1), "org.sqlite.jdbc4.JDBC4PreparedStatement");
        } finally {
            target.destroyForcibly();
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
        Process attach = new ProcessBuilder(JAVA, "-jar", AGENT, "attach", "1", "mode=loud").redirectErrorStream(true).start();
        String said = new String(attach.getInputStream().readAllBytes()).trim();
        assertEquals(2, attach.waitFor());
        assertEquals("connguard: bad value 'loud' for mode (from agent argument); valid: report, strict", said);
    }

    private static List<JsonNode> findings(Path report) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(report)) {
            JsonNode n = json.readTree(line);
            if (n.get("type").asText().equals("finding")) out.add(n);
        }
        return out;
    }
}
