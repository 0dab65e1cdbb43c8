package io.connguard.cli;

import io.connguard.options.OptionException;
import io.connguard.options.Options;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code attach PID [key=value,...]}: loads connguard into a running JVM. From then on it tracks
 * what is opened; connections opened before are not known. Exit status: 0 attached and running,
 * 1 not attached (no such process, not a JVM, attach disabled, connguard already there, the agent
 * did not start), 2 a bad command line.
 */
final class AttachCommand {
    static final String USAGE = String.join("\n",
        "usage: java -jar connguard-agent.jar attach PID [OPTIONS]",
        "",
        "Loads connguard into the running JVM with process id PID. OPTIONS are the agent's own,",
        "comma-separated (report=FILE,mode=strict,...). Connections opened before the attach are not known.",
        "On JDK 21 and later the target prints a warning about a dynamically loaded agent unless it was",
        "started with -XX:+EnableDynamicAgentLoading.",
        "",
        "Exit status: 0 attached, 1 not attached (no such process, not a JVM, attach disabled, connguard",
        "already running there, the agent did not start), 2 bad arguments.");

    private final PrintStream out;
    private final PrintStream err;

    AttachCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws UsageException {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            out.println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        String pid = args.get(0);
        if (!pid.matches("\\d{1,18}")) throw new UsageException("connguard attach: '" + pid + "' is not a process id; usage: attach PID [OPTIONS]");
        String options = String.join(",", args.subList(1, args.size()));
        try {
            // the target would refuse a bad option in a line on its own stderr; say it here, where the user typed it
            Options.parse(options, Collections.emptyMap(), Collections.emptyMap());
        } catch (OptionException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            String report = attach(pid, options);
            out.println("connguard attached to " + pid + "; it reports what is opened from now on to " + report);
            return 0;
        } catch (TargetJvm.Failure e) {
            err.println("connguard attach: " + e.getMessage());
            return 1;
        } catch (LinkageError e) {
            err.println("connguard attach: this Java has no attach API (module jdk.attach); run the command with a JDK's java (" + e + ")");
            return 1;
        }
    }

    /** The report file of the agent now running in {@code pid}. */
    private String attach(String pid, String options) throws TargetJvm.Failure, UsageException {
        long id = Long.parseLong(pid);
        Optional<ProcessHandle> process = ProcessHandle.of(id);
        if (process.isEmpty() || !process.get().isAlive()) throw new TargetJvm.Failure("no such process: " + pid);
        if (id == ProcessHandle.current().pid()) throw new TargetJvm.Failure(pid + " is this command's own JVM");
        // before the attach API sends the process a SIGQUIT, which ends a process that is not a JVM
        if (isNotAJvm(id)) {
            throw new TargetJvm.Failure("process " + pid + " is not a Java virtual machine ("
                + process.get().info().command().orElse("command unknown") + ")");
        }
        String jar = agentJar().getPath();
        try (TargetJvm target = TargetJvm.attach(pid)) {
            String running = target.property(Options.REPORT_FILE_PROPERTY);
            if (running != null) {
                throw new TargetJvm.Failure("connguard already runs in " + pid + " (report: " + running + "); it keeps its options,"
                    + " the new ones are not applied");
            }
            target.loadAgent(jar, options);
            String report = target.property(Options.REPORT_FILE_PROPERTY);
            if (report == null) {
                throw new TargetJvm.Failure("the agent did not start in " + pid + "; the target's standard error says why");
            }
            return report;
        }
    }

    /**
     * True only when the process's memory maps can be read (Linux, same user) and hold no HotSpot
     * library: a JVM loads {@code libjvm} whatever its launcher is called.
     */
    private static boolean isNotAJvm(long pid) {
        Path maps = Paths.get("/proc", Long.toString(pid), "maps");
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.noneMatch(l -> l.contains("/libjvm."));
        } catch (IOException | RuntimeException e) {
            return false; // cannot tell: let the attach API try
        }
    }

    private static File agentJar() throws UsageException {
        try {
            return new File(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new UsageException("connguard attach: cannot locate the agent jar: " + e.getMessage());
        }
    }
}
