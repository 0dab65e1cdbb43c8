package io.connguard.sample;

import io.connguard.sample.scenarios.AuditInsideUnitOfWork;
import io.connguard.sample.scenarios.ConcurrentUseOfOneConnection;
import io.connguard.sample.scenarios.EarlyReturnSkipsCommit;
import io.connguard.sample.scenarios.LeakedStatement;
import io.connguard.sample.scenarios.PooledDoneRight;
import io.connguard.sample.scenarios.ResultSetOutlivesItsConnection;
import io.connguard.sample.scenarios.SharedConnectionAcrossThreads;
import io.connguard.sample.scenarios.ThreadLocalBuggyCloseAll;
import io.connguard.sample.scenarios.ThreadLocalClosedPerThread;
import io.connguard.sample.scenarios.WrongThreadClose;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Runs the scenarios, in this order, and says what connguard should have found and where it wrote it. */
public final class SampleApp {
    static final List<Scenario> SCENARIOS = List.of(
            new SharedConnectionAcrossThreads(),
            new ConcurrentUseOfOneConnection(),
            new ThreadLocalBuggyCloseAll(),
            new ThreadLocalClosedPerThread(),
            new WrongThreadClose(),
            new LeakedStatement(),
            new PooledDoneRight(),
            new AuditInsideUnitOfWork(),
            new EarlyReturnSkipsCommit(),
            new ResultSetOutlivesItsConnection());

    private static final String USAGE = String.join("\n",
            "usage: java -javaagent:agent/target/connguard-agent.jar -jar sample-app/target/connguard-sample.jar [options]",
            "",
            "Plays the classic JDBC threading, pooling and transaction mistakes and their fixes, one scenario each, for connguard to find.",
            "",
            "  --url URL          JDBC URL, e.g. jdbc:mysql://127.0.0.1:3306/test",
            "                     (default: connguard-sample.db in the temp directory, recreated on each run)",
            "  --user NAME        database user",
            "  --password SECRET  database password (never printed)",
            "  --scenario NAME    run only this scenario; repeatable (default: all, see --list)",
            "  --list             list the scenarios and exit",
            "  --help             print this and exit");

    private SampleApp() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (options.help) {
            out.println(USAGE);
            return 0;
        }
        if (options.list) {
            SCENARIOS.forEach(s -> out.printf("%-32s %s%n", s.name(), s.description()));
            return 0;
        }
        try {
            Database db = options.url == null
                    ? Database.sqliteInTempDir()
                    : new Database(options.url, options.user, options.password);
            List<Scenario> selected = options.selectedScenarios();
            out.println("connguard sample: " + selected.size() + " scenario(s) on " + db.safeUrl());
            for (Scenario scenario : selected) {
                String table = scenario.name().replace('-', '_');
                db.createTable(table);
                scenario.run(db);
                db.dropTable(table);
            }
            out.println("ran, and connguard should report:");
            selected.forEach(s -> out.printf("  %-32s %s%n", s.name(), s.expectedFinding()));
        } catch (Exception e) {
            err.println("connguard sample failed:");
            e.printStackTrace(err);
            return 1;
        }
        String report = System.getProperty("connguard.reportFile");
        out.println(report != null
                ? "connguard report: " + report
                : "connguard agent not attached: run with -javaagent:agent/target/connguard-agent.jar");
        return 0;
    }

    /** The command line, checked: every problem is an {@link IllegalArgumentException} whose message says what to fix. */
    private static final class Options {
        String url;
        String user;
        String password;
        final Set<String> scenarios = new LinkedHashSet<>();
        boolean list;
        boolean help;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int equals = arg.indexOf('=');
                if (arg.startsWith("--") && equals > 0) {
                    value = arg.substring(equals + 1);
                    arg = arg.substring(0, equals);
                }
                switch (arg) {
                    case "--help", "-h" -> options.help = true;
                    case "--list" -> options.list = true;
                    case "--url" -> options.url = value != null ? value : valueAfter(args, ++i, arg);
                    case "--user" -> options.user = value != null ? value : valueAfter(args, ++i, arg);
                    case "--password" -> options.password = value != null ? value : valueAfter(args, ++i, arg);
                    case "--scenario" -> options.scenarios.add(known(value != null ? value : valueAfter(args, ++i, arg)));
                    default -> throw new IllegalArgumentException("unknown option " + arg + "; --help lists the options");
                }
            }
            return options;
        }

        List<Scenario> selectedScenarios() {
            return scenarios.isEmpty() ? SCENARIOS : SCENARIOS.stream().filter(s -> scenarios.contains(s.name())).toList();
        }

        private static String valueAfter(String[] args, int i, String option) {
            if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
            return args[i];
        }

        private static String known(String name) {
            if (SCENARIOS.stream().noneMatch(s -> s.name().equals(name))) {
                throw new IllegalArgumentException("unknown scenario " + name + "; valid: "
                        + SCENARIOS.stream().map(Scenario::name).collect(Collectors.joining(", ")));
            }
            return name;
        }
    }
}
