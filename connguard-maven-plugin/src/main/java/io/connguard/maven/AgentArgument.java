package io.connguard.maven;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code -javaagent:JAR=key=value,...} JVM argument that attaches connguard to a test JVM,
 * and how it joins an {@code argLine} that JaCoCo or the user has already set.
 */
final class AgentArgument {
    private final Map<String, String> options = new LinkedHashMap<>();
    private String extra;

    /** One agent option; a null or blank value leaves the agent's default. */
    AgentArgument option(String key, Object value) {
        if (value != null && !value.toString().trim().isEmpty()) options.put(key, value.toString().trim());
        return this;
    }

    /** A list option (pools): the agent reads it comma-separated. */
    AgentArgument option(String key, List<String> values) {
        return values == null || values.isEmpty() ? this : option(key, String.join(",", values));
    }

    /** Options as the user typed them ({@code key=value,key=value}), after the named ones. */
    AgentArgument extra(String keyValues) {
        this.extra = keyValues == null || keyValues.trim().isEmpty() ? null : keyValues.trim();
        return this;
    }

    /** The text after {@code =} in {@code -javaagent:JAR=...}, as the agent parses it. */
    String agentOptions() {
        StringBuilder b = new StringBuilder();
        options.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
        if (extra != null) b.append(b.length() == 0 ? "" : ",").append(extra);
        return b.toString();
    }

    /**
     * The JVM argument, in double quotes when it holds white space: Surefire and Failsafe split
     * {@code argLine} at white space outside quotes, and a project's path may have spaces.
     */
    String jvmArgument(File agentJar) {
        String arg = "-javaagent:" + agentJar.getAbsolutePath() + "=" + agentOptions();
        return arg.matches("(?s).*\\s.*") ? '"' + arg + '"' : arg;
    }

    /** {@code existing} (JaCoCo's agent, the user's flags) first, then this agent; nothing dropped. */
    static String appendTo(String existing, String jvmArgument) {
        return existing == null || existing.trim().isEmpty() ? jvmArgument : existing.trim() + " " + jvmArgument;
    }
}
