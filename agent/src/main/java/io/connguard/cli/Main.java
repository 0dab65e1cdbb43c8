package io.connguard.cli;

import io.connguard.agent.ConnguardAgent;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** {@code java -jar connguard-agent.jar COMMAND ...}: the jar's tools besides the agent itself. */
public final class Main {
    static final String USAGE = String.join("\n",
        "connguard " + ConnguardAgent.version() + ": finds JDBC resources used across threads, concurrently, closed on the wrong thread, or leaked.",
        "",
        "As an agent:  java -javaagent:connguard-agent.jar=report=target/connguard/%p.jsonl ...",
        "",
        "usage: java -jar connguard-agent.jar COMMAND [ARGS]",
        "",
        "commands:",
        "  report     merge JSON lines reports and write them as text, html, sarif or json; a CI gate with --fail-on",
        "  attach     load connguard into a running JVM: attach PID [OPTIONS]",
        "",
        "java -jar connguard-agent.jar report --help   for the report command's options",
        "java -jar connguard-agent.jar --version       prints the version");

    private Main() {}

    public static void main(String[] args) {
        int status = run(args, System.out, System.err, ReportCommand.cwd());
        System.out.flush();
        System.exit(status);
    }

    static int run(String[] args, PrintStream out, PrintStream err, Path workingDirectory) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.println(USAGE);
            return 0;
        }
        if (args[0].equals("--version") || args[0].equals("-V") || args[0].equals("version")) {
            out.println("connguard " + ConnguardAgent.version());
            return 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "report":
                    return new ReportCommand(out, err, workingDirectory).run(rest);
                case "attach":
                    return new AttachCommand(out, err).run(rest);
                default:
                    throw new UsageException("connguard: unknown command '" + args[0] + "'; valid: report, attach, --version, --help");
            }
        } catch (UsageException e) {
            err.println(e.getMessage());
            return 2;
        } catch (RuntimeException | StackOverflowError e) {
            // a bug of ours must not pass for "findings matched" (1) in a CI gate
            err.println("connguard: internal error, please report it: " + e);
            e.printStackTrace(err);
            return 2;
        }
    }
}
