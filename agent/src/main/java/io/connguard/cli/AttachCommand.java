package io.connguard.cli;

import io.connguard.agent.OptionException;
import io.connguard.agent.Options;
import java.io.File;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * {@code attach PID [key=value,...]}: loads connguard into a running JVM. From then on it tracks
 * what is opened; connections opened before are not known.
 */
final class AttachCommand {
    static final String USAGE = String.join("\n",
        "usage: java -jar connguard-agent.jar attach PID [OPTIONS]",
        "",
        "Loads connguard into the running JVM with process id PID. OPTIONS are the agent's own,",
        "comma-separated (report=FILE,mode=strict,...). Connections opened before the attach are not known.",
        "On JDK 21 and later the target prints a warning about a dynamically loaded agent unless it was",
        "started with -XX:+EnableDynamicAgentLoading.");

    private final PrintStream out;

    AttachCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) throws UsageException {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            out.println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        String pid = args.get(0);
        if (!pid.matches("\\d+")) throw new UsageException("connguard attach: '" + pid + "' is not a process id; usage: attach PID [OPTIONS]");
        String options = String.join(",", args.subList(1, args.size()));
        try {
            // the target would stop on a bad option; say it here, where the user typed it
            Options.parse(options, Collections.emptyMap(), Collections.emptyMap());
        } catch (OptionException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            ByteBuddyAgent.attach(agentJar(), pid, options);
        } catch (RuntimeException e) {
            throw new UsageException("connguard attach: could not attach to " + pid + ": " + e.getMessage());
        }
        out.println("connguard attached to " + pid + "; it reports what is opened from now on");
        return 0;
    }

    private static File agentJar() throws UsageException {
        try {
            return new File(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new UsageException("connguard attach: cannot locate the agent jar: " + e.getMessage());
        }
    }
}
