package io.connguard.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;

/**
 * A running JVM reached through the JDK's attach API ({@code jdk.attach}), with each failure turned
 * into a sentence that names its cause. Kept apart from {@link AttachCommand} so that a JRE without
 * {@code jdk.attach} fails when this class is first used, where the command can say so.
 */
final class TargetJvm implements AutoCloseable {
    private final String pid;
    private final VirtualMachine vm;

    private TargetJvm(String pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    /** Attaches to the JVM {@code pid}; {@link Failure} says why not (attach disabled, no answer, another user). */
    static TargetJvm attach(String pid) throws Failure {
        try {
            return new TargetJvm(pid, VirtualMachine.attach(pid));
        } catch (AttachNotSupportedException e) {
            String m = String.valueOf(e.getMessage());
            // HotSpot's attach provider reads the target's capabilities from its perf data and says this
            if (m.contains("does not support the attach mechanism")) {
                throw new Failure("attach is disabled in " + pid + ": it was started with -XX:+DisableAttachMechanism");
            }
            throw new Failure(noAnswer(m) ? unanswered(pid) : "could not attach to " + pid + ": " + m);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("ermission denied") || m.contains("well-known file")) {
                throw new Failure("could not attach to " + pid + ": it runs as another user; run attach as that user (" + m + ")");
            }
            throw new Failure(noAnswer(m) ? unanswered(pid) : "could not attach to " + pid + ": " + m);
        }
    }

    private static boolean noAnswer(String message) {
        return message.contains("respond") || message.contains("timed out");
    }

    private static String unanswered(String pid) {
        return pid + " did not answer the attach request: it was started with -XX:+DisableAttachMechanism"
            + " (and without perf data, so it could not say so), or it runs as another user";
    }

    /** A system property of the target, or null. */
    String property(String name) throws Failure {
        try {
            return vm.getSystemProperties().getProperty(name);
        } catch (IOException e) {
            throw new Failure("could not read the system properties of " + pid + ": " + e.getMessage());
        }
    }

    /** Loads {@code jar} as an agent with {@code options}; its {@code agentmain} has run when this returns. */
    void loadAgent(String jar, String options) throws Failure {
        try {
            vm.loadAgent(jar, options);
        } catch (AgentLoadException | AgentInitializationException | IOException e) {
            throw new Failure("could not load the agent into " + pid + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            vm.detach();
        } catch (IOException e) {
            // the agent is loaded or not; nothing is left to undo
        }
    }

    /** The attach did not happen, or did nothing; the message says why in one line. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }
}
