package jdbcbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the selected benchmarks in forks without the agent and with it, alternating the two for
 * {@code --rounds} rounds (so a neighbour's build that loads the machine for a while hits both
 * alike), and prints the ratio of each benchmark with the spread of the per-round ratios.
 *
 * <pre>java -cp benchmarks.jar jdbcbench.AgentComparison [--rounds N] [--agent JAR] [JMH options]</pre>
 *
 * Any JMH option works ({@code -prof gc} adds bytes per operation to the table); {@code -f} is
 * forks per configuration per round, 1 by default.
 */
public final class AgentComparison {
    private static final String NONE = "no agent", AGENT = "connguard";

    public static void main(String[] args) throws Exception {
        int roundsArg = 2;
        Path agent = defaultAgent();
        List<String> jmhArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rounds")) roundsArg = Integer.parseInt(args[++i]);
            else if (args[i].equals("--agent")) agent = Paths.get(args[++i]);
            else jmhArgs.add(args[i]);
        }
        if (agent == null || !Files.isRegularFile(agent)) {
            System.err.println("connguard agent jar not found (" + agent + "): build it (mvn -B -q package -DskipTests) or pass --agent JAR");
            System.exit(2);
        }
        int rounds = roundsArg;
        CommandLineOptions cmd = new CommandLineOptions(jmhArgs.toArray(new String[0]));
        List<String> userAppend = new ArrayList<>(cmd.getJvmArgsAppend().orElse(List.of()));
        boolean mysql = MySqlCalls.reachable();
        if (!mysql) System.out.println("# no MySQL/MariaDB at " + MySqlCalls.HOST + ":" + MySqlCalls.PORT + ": MySqlCalls skipped");
        String agentArg = "-javaagent:" + agent.toAbsolutePath() + "=report=" + Paths.get(System.getProperty("java.io.tmpdir"), "connguard-bench-%p.jsonl");

        Map<String, Row> rows = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            boolean agentFirst = round % 2 == 1;
            for (int k = 0; k < 2; k++) {
                boolean withAgent = (k == 0) == agentFirst;
                List<String> append = new ArrayList<>(userAppend);
                if (withAgent) append.add(agentArg);
                ChainedOptionsBuilder options = new OptionsBuilder().parent(cmd).jvmArgsAppend(append.toArray(new String[0]));
                if (!cmd.getForkCount().hasValue()) options.forks(1);
                if (!mysql) options.exclude(MySqlCalls.class.getSimpleName());
                System.out.printf("%n# round %d of %d, %s%n", round + 1, rounds, withAgent ? AGENT : NONE);
                Collection<RunResult> results = new Runner(options.build()).run();
                for (RunResult r : results) {
                    rows.computeIfAbsent(label(r.getParams()), l -> new Row(rounds)).add(round, withAgent, r);
                }
            }
        }
        print(rows, rounds);
    }

    /** Beside the benchmarks jar in a checkout: ../../agent/target/connguard-agent.jar. */
    private static Path defaultAgent() {
        String property = System.getProperty("connguard.agent.jar");
        if (property != null) return Paths.get(property);
        try {
            Path jar = Paths.get(AgentComparison.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent().getParent().resolve("agent/target/connguard-agent.jar").normalize();
        } catch (Exception e) {
            return null;
        }
    }

    private static String label(BenchmarkParams p) {
        String name = p.getBenchmark();
        String[] parts = name.split("\\.");
        StringBuilder s = new StringBuilder(parts[parts.length - 2]).append('.').append(parts[parts.length - 1]);
        for (String key : p.getParamsKeys()) s.append(' ').append(key).append('=').append(p.getParam(key));
        if (p.getThreads() > 1) s.append(" threads=").append(p.getThreads());
        return s.toString();
    }

    private static void print(Map<String, Row> rows, int rounds) {
        System.out.printf("%n## connguard vs no agent (JMH, %d round%s, forks alternated)%n%n", rounds, rounds == 1 ? "" : "s");
        System.out.println("| benchmark | no agent | connguard | ratio | per-round ratios | B/op no agent | B/op connguard |");
        System.out.println("|---|---:|---:|---:|---|---:|---:|");
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row r = e.getValue();
            double none = mean(r.score[0]), with = mean(r.score[1]);
            StringBuilder perRound = new StringBuilder();
            for (int i = 0; i < rounds; i++) {
                if (r.score[0][i] > 0 && r.score[1][i] > 0) {
                    if (perRound.length() > 0) perRound.append(", ");
                    perRound.append(String.format(Locale.ROOT, "%.3f", r.score[1][i] / r.score[0][i]));
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %.1f ± %.1f %s | %.1f ± %.1f %s | **%.3f** | %s | %s | %s |%n",
                e.getKey(), none, maxError(r.error[0]), r.unit, with, maxError(r.error[1]), r.unit, with / none, perRound,
                bytes(r.alloc[0]), bytes(r.alloc[1]));
        }
        System.out.println();
        System.out.println("± is JMH's 99.9% error of the worst round; per-round ratios show the noise between forks.");
    }

    private static String bytes(double[] alloc) {
        double m = mean(alloc);
        return Double.isNaN(m) ? "–" : String.format(Locale.ROOT, "%.1f", m);
    }

    private static double mean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double maxError(double[] values) {
        double max = 0;
        for (double v : values) if (!Double.isNaN(v)) max = Math.max(max, v);
        return max;
    }

    /** One benchmark's scores: [0] without the agent, [1] with it, by round. */
    private static final class Row {
        final double[][] score, error, alloc;
        String unit = "";

        Row(int rounds) {
            score = new double[][] {nan(rounds), nan(rounds)};
            error = new double[][] {nan(rounds), nan(rounds)};
            alloc = new double[][] {nan(rounds), nan(rounds)};
        }

        void add(int round, boolean withAgent, RunResult result) {
            int k = withAgent ? 1 : 0;
            Result<?> primary = result.getPrimaryResult();
            score[k][round] = primary.getScore();
            error[k][round] = primary.getScoreError();
            unit = primary.getScoreUnit();
            for (Map.Entry<String, Result> s : result.getSecondaryResults().entrySet()) {
                if (s.getKey().endsWith("gc.alloc.rate.norm")) alloc[k][round] = s.getValue().getScore();
            }
        }

        private static double[] nan(int n) {
            double[] a = new double[n];
            Arrays.fill(a, Double.NaN);
            return a;
        }
    }
}
