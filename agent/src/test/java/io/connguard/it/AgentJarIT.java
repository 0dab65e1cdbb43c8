package io.connguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded agent jar puts nothing on an application's class path but connguard's own packages:
 * Byte Buddy and SLF4J are relocated, also in their multi-release directories, and the manifest
 * makes the jar an agent, an attachable agent and the report command.
 */
class AgentJarIT {
    /** What the jar may hold besides {@code io/connguard/}: licences and the relocated SLF4J binding. */
    private static final Pattern ALLOWED = Pattern.compile(
        "io/(connguard/.*)?"
            + "|META-INF/(MANIFEST\\.MF|LICENSE.*|NOTICE.*|licenses/.*)"
            + "|META-INF/services/(io\\.connguard\\.shaded\\..*)?"
            + "|META-INF/versions/(\\d+/(io/(connguard/(shaded/.*)?)?)?)?"
            + "|META-INF/");

    @TempDir
    Path dir;

    @Test
    void everyEntryIsConnguardsOwnOrRelocated() throws IOException {
        try (JarFile jar = new JarFile(AgentRun.agentJar().toFile())) {
            List<String> foreign = jar.stream().map(e -> e.getName())
                .filter(name -> !ALLOWED.matcher(name).matches())
                .collect(Collectors.toList());
            assertEquals(List.of(), foreign, "entries outside io/connguard/ and the relocated packages");
        }
    }

    @Test
    void manifestMakesItAnAgentAnAttachableAgentAndTheReportCommand() throws IOException {
        try (JarFile jar = new JarFile(AgentRun.agentJar().toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("io.connguard.agent.ConnguardAgent", main.getValue("Premain-Class"));
            assertEquals("io.connguard.agent.ConnguardAgent", main.getValue("Agent-Class"));
            assertEquals("io.connguard.cli.Main", main.getValue("Main-Class"));
            assertEquals("true", main.getValue("Can-Retransform-Classes"));
            assertEquals("true", main.getValue("Multi-Release"), "Byte Buddy's Java 24 classes are versioned entries");
        }
    }

    /** Byte Buddy's class-file bridge exists only as a Java 24 versioned entry: it must load under its relocated name. */
    @Test
    void byteBuddysVersionedClassesLoadUnderTheirRelocatedNames() throws Exception {
        Jdk jdk = Jdks.all().stream().filter(j -> j.feature() >= 24).findFirst().orElse(null);
        assumeTrue(jdk != null, "needs a JDK 24 or later (JDK 25 at " + Jdks.TEMURIN_25 + ")");
        Path probe = dir.resolve("Probe.java");
        Files.writeString(probe, "class Probe { public static void main(String[] a) throws Exception {"
            + " Class.forName(\"io.connguard.shaded.net.bytebuddy.jar.asmjdkbridge.JdkClassReader\", false, Probe.class.getClassLoader());"
            + " System.out.println(\"loaded\"); } }");
        Path out = dir.resolve("out.txt");
        Process java = new ProcessBuilder(jdk.java().toString(), "-cp", AgentRun.agentJar().toString(), probe.toString())
            .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(java.waitFor(60, TimeUnit.SECONDS), "probe JVM finished");
        String printed = Files.readString(out);
        assertEquals(0, java.exitValue(), printed);
        assertTrue(printed.contains("loaded"), printed);
    }
}
