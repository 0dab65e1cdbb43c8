package io.connguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shaded agent jar puts nothing on an application's class path but connguard's own packages:
 * ASM and SLF4J are relocated, and the manifest makes the jar an agent, an attachable agent and
 * the report command.
 */
class AgentJarIT {
    /** What the jar may hold besides {@code io/connguard/}: licences and the relocated SLF4J binding. */
    private static final Pattern ALLOWED = Pattern.compile(
        "io/(connguard/.*)?"
            + "|META-INF/(MANIFEST\\.MF|LICENSE.*|NOTICE.*|licenses/.*)"
            + "|META-INF/services/(io\\.connguard\\.shaded\\..*)?"
            + "|META-INF/versions/(\\d+/(io/(connguard/(shaded/.*)?)?)?)?"
            + "|META-INF/");

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
        }
    }
}
