package io.connguard.it;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The agent changes nothing the program shows: the same stdout and exit status as without it, and on
 * stderr only connguard's own start and summary lines beside what the libraries print anyway.
 */
final class Unchanged {
    /** What the JVM itself says when an agent is set up badly: a jar appended to the bootstrap class path, and the like. */
    private static final List<String> JVM_WARNINGS = List.of("Sharing is only supported", "VM warning", "WARNING: A Java agent",
            "WARNING: A JNI", "WARNING: A terminally deprecated", "WARNING: sun.misc.Unsafe", "-javaagent", "bootstrap class path");

    /**
     * Tomcat JDBC's log of a connection past {@code maxAge} that its cleaner released while the
     * application was returning it: the header line, the message and the exception.
     */
    private static final List<String> POOL_RACES = List.of("ConnectionPool reconnectIfExpired",
            "that expired because of maxAge", "A connection once released, can't be reestablished");

    private Unchanged() {}

    static void assertSameStdoutAndExit(RunResult withAgent, RunResult without) {
        withAgent.verify(() -> {
            if (without.exitCode() != withAgent.exitCode()) {
                throw new AssertionError("exit status " + withAgent.exitCode() + " with the agent, " + without.exitCode() + " without");
            }
            if (!withAgent.stdout().equals(without.stdout())) {
                throw new AssertionError("stdout differs from the run without the agent, which printed:\n" + without.stdout());
            }
        });
    }

    /**
     * stderr with the agent is: connguard's start line first, its summary line last, and between them
     * the lines the run without the agent printed too. Lines are compared with every token that holds a
     * digit (times, ids, thread numbers, c3p0's identity tokens) blanked out, and in any order
     * (the library's threads interleave differently from run to run). A pool's report of a race of
     * its own threads ({@link #POOL_RACES}), and the stack frames of what it logs, are left out: they
     * come and go with the machine's timing, in either run.
     */
    static void assertOnlyConnguardsLinesAdded(RunResult withAgent, RunResult without) {
        withAgent.verify(() -> {
            List<String> lines = withAgent.stderrLines();
            for (String line : lines) {
                for (String warning : JVM_WARNINGS) {
                    if (line.contains(warning) && !without.stderr().contains(line)) throw new AssertionError("a JVM warning on stderr: " + line);
                }
            }
            if (lines.size() < 2 || !(lines.get(0).contains("connguard ") && lines.get(0).contains("watching JDBC"))) {
                throw new AssertionError("the first stderr line should be connguard's start line: " + (lines.isEmpty() ? "(none)" : lines.get(0)));
            }
            String last = lines.get(lines.size() - 1);
            if (!last.startsWith("INFO connguard: ")) throw new AssertionError("the last stderr line should be connguard's summary: " + last);
            List<String> added = normalized(lines.subList(1, lines.size() - 1));
            List<String> baseline = normalized(without.stderrLines());
            List<String> extra = new ArrayList<>(added);
            for (String b : baseline) extra.remove(b);
            List<String> missing = new ArrayList<>(baseline);
            for (String a : added) missing.remove(a);
            if (!extra.isEmpty() || !missing.isEmpty()) {
                throw new AssertionError("stderr with the agent differs from stderr without it (besides connguard's two lines)"
                        + "\n  only with the agent: " + extra + "\n  only without: " + missing
                        + "\n--- stderr without the agent ---\n" + without.stderr());
            }
        });
    }

    private static List<String> normalized(List<String> lines) {
        return lines.stream()
                .filter(l -> !l.startsWith("\tat ") && POOL_RACES.stream().noneMatch(l::contains))
                .map(l -> l.replaceAll("\\S*\\d\\S*", "#")).sorted().collect(Collectors.toList());
    }
}
