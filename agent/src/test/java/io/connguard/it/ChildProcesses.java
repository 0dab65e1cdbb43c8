package io.connguard.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Starts and ends the child processes of the integration tests. A child gets the environment of
 * its parent without the developer's own settings: connguard's {@code CONNGUARD_*} options would
 * change what the agent does, and the JVM option variables would reach every child JVM and make it
 * print "Picked up ...". A test that wants one of them sets it on the child explicitly.
 */
public final class ChildProcesses {
    /** The variables a JVM reads options from, whichever launcher starts it. */
    private static final Set<String> JVM_OPTION_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private ChildProcesses() {}

    /** A builder for {@code command} with this JVM's environment, cleaned as the class says; nothing is started yet. */
    public static ProcessBuilder builder(List<String> command) {
        return builder(command, System.getenv(), Map.of());
    }

    /**
     * A builder for {@code command} whose environment is {@code parent} without the developer's settings,
     * then {@code explicit} on top (a test's own settings win); nothing is started yet.
     */
    static ProcessBuilder builder(List<String> command, Map<String, String> parent, Map<String, String> explicit) {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(parent);
        env.keySet().removeIf(ChildProcesses::isDevelopersSetting);
        env.putAll(explicit);
        return builder;
    }

    static boolean isDevelopersSetting(String variable) {
        return variable.startsWith("CONNGUARD_") || JVM_OPTION_VARIABLES.contains(variable);
    }

    /**
     * Waits up to {@code timeout} for {@code process} to end; if it does not, ends it and the processes
     * it started, forcibly. Returns whether it ended by itself.
     *
     * @throws InterruptedException when the waiting test is interrupted
     */
    static boolean awaitOrKill(Process process, Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) return true;
        kill(process);
        process.waitFor(10, TimeUnit.SECONDS);
        return false;
    }

    /** Ends {@code process} and the processes it started, forcibly, without waiting. */
    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
