package io.connguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Maven Surefire recipe works as written: a copy of examples/maven-surefire builds with the
 * agent from the local repository, its fork writes a report naming the test, and the report
 * command gates on it. The agent jar is installed as version 0.1.0-it, so a real 0.1.0 in the
 * local repository is never overwritten.
 */
class MavenRecipeIT {
    private static final String IT_VERSION = "0.1.0-it";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void surefireForksWriteReportsThatTheReportCommandGatesOn() throws Exception {
        String agent = System.getProperty("connguard.agent.jar");
        assumeTrue(agent != null && Files.isRegularFile(Paths.get(agent)), "run by failsafe, after package");
        Path mvn = MavenBuild.mvn();
        Path project = MavenBuild.copyExample("maven-surefire", dir.resolve("maven-surefire"));

        MavenBuild.run(dir, mvn.toString(), "-B", "-q", "org.apache.maven.plugins:maven-install-plugin:3.1.3:install-file",
            "-Dfile=" + agent, "-DgroupId=io.connguard", "-DartifactId=connguard-agent", "-Dversion=" + IT_VERSION, "-Dpackaging=jar");
        MavenBuild build = MavenBuild.run(project, mvn.toString(), "-B", "test", "-Dconnguard.version=" + IT_VERSION);
        assertEquals(0, build.exit, build.output);
        assertTrue(build.output.contains("Tests run: 1, Failures: 0"), "the misuse is reported, not failed: " + build.output);

        List<Path> reports;
        try (Stream<Path> files = Files.list(project.resolve("target/connguard"))) {
            reports = files.filter(p -> p.toString().endsWith(".jsonl")).collect(Collectors.toList());
        }
        assertEquals(1, reports.size(), "one fork, one report named by its pid: " + reports);
        JsonNode finding = null;
        for (String line : Files.readAllLines(reports.get(0))) {
            JsonNode n = JSON.readTree(line);
            if (n.path("type").asText().equals("finding") && n.path("kind").asText().equals("CROSS_THREAD_USE")) finding = n;
        }
        assertTrue(finding != null, "a CROSS_THREAD_USE finding in " + Files.readString(reports.get(0)));
        assertTrue(finding.path("createdAt").get(0).asText().startsWith("io.connguard.examples.SharedConnectionTest.countsRowsOnAWorkerThread("),
            finding.toString());
        assertTrue(finding.path("actedAt").get(0).asText().startsWith("io.connguard.examples.SharedConnectionTest.lambda$"), finding.toString());

        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String report = reports.get(0).toString();
        MavenBuild gate = MavenBuild.run(project, java, "-jar", agent, "report", "--fail-on", "CROSS_THREAD_USE", report);
        assertEquals(1, gate.exit, gate.output);
        assertTrue(gate.output.contains("failing, 1 finding of CROSS_THREAD_USE"), gate.output);
        assertTrue(gate.output.contains("SharedConnectionTest.countsRowsOnAWorkerThread(SharedConnectionTest.java:"), gate.output);

        MavenBuild passing = MavenBuild.run(project, java, "-jar", agent, "report", "--fail-on", "LEAK,CONCURRENT_USE", "target/connguard");
        assertEquals(0, passing.exit, passing.output);

        Path sarifFile = project.resolve("target/connguard.sarif");
        MavenBuild sarif = MavenBuild.run(project, java, "-jar", agent, "report", "--format", "sarif", "--output", sarifFile.toString(), report);
        assertEquals(0, sarif.exit, sarif.output);
        JsonNode doc = JSON.readTree(sarifFile.toFile());
        assertEquals("2.1.0", doc.path("version").asText());
        JsonNode results = doc.path("runs").get(0).path("results");
        assertEquals(1, results.size(), doc.toString());
        assertEquals("CROSS_THREAD_USE", results.get(0).path("ruleId").asText());
        assertEquals("src/test/java/io/connguard/examples/SharedConnectionTest.java",
            results.get(0).path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText(),
            "located in the project, as code scanning needs");
    }
}
