package io.connguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentArgumentTest {
    private static final File JAR = new File("/repo/connguard-agent-0.1.0.jar");

    @Test
    void namedOptionsThenExtraOnesUnsetOnesLeftToTheAgent() {
        AgentArgument a = new AgentArgument()
            .option("report", "/p/target/connguard/%p.jsonl")
            .option("mode", "strict")
            .option("stacks", (Object) null)
            .option("stackDepth", 64)
            .option("pools", List.of("com.acme.pool", "org.other"))
            .option("sql", " ")
            .extra("leakThreshold=30s");
        assertEquals("report=/p/target/connguard/%p.jsonl,mode=strict,stackDepth=64,pools=com.acme.pool,org.other,leakThreshold=30s",
            a.agentOptions());
    }

    @Test
    void argumentWithoutSpacesIsNotQuoted() {
        assertEquals("-javaagent:/repo/connguard-agent-0.1.0.jar=report=/p/x.jsonl",
            new AgentArgument().option("report", "/p/x.jsonl").jvmArgument(JAR));
    }

    @Test
    void aPathWithSpacesIsQuotedSoSurefireKeepsItOneArgument() {
        assertEquals("\"-javaagent:/repo/connguard-agent-0.1.0.jar=report=/my project/x.jsonl\"",
            new AgentArgument().option("report", "/my project/x.jsonl").jvmArgument(JAR));
    }

    @Test
    void appendsToWhatJacocoOrTheUserSet() {
        assertEquals("-javaagent:/j/jacocoagent.jar=destfile=x -Xmx1g -javaagent:c.jar",
            AgentArgument.appendTo(" -javaagent:/j/jacocoagent.jar=destfile=x -Xmx1g ", "-javaagent:c.jar"));
        assertEquals("-javaagent:c.jar", AgentArgument.appendTo(null, "-javaagent:c.jar"));
        assertEquals("-javaagent:c.jar", AgentArgument.appendTo("", "-javaagent:c.jar"));
    }
}
