package io.connguard.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.opentest4j.AssertionFailedError;

/** What one child JVM did: exit status, output, and the agent's JSON lines report. */
public final class RunResult {
    static final String EXPLAIN_MARKER = "=== connguard IT run ===";

    private final String command;
    private final Path dir;
    private final Integer exitCode;
    private final long millis;
    private final String stdout;
    private final String stderr;
    private final Path reportFile;
    private final Jdk jdk;
    private Report report;

    RunResult(String command, Path dir, Integer exitCode, long millis, String stdout, String stderr, Path reportFile, Jdk jdk) {
        this.command = command;
        this.dir = dir;
        this.exitCode = exitCode;
        this.millis = millis;
        this.stdout = stdout;
        this.stderr = stderr;
        this.reportFile = reportFile;
        this.jdk = jdk;
    }

    /** The child's exit status; fails the test if the child had to be killed. */
    public int exitCode() {
        if (exitCode == null) throw new AssertionFailedError("the child JVM did not finish in time and was killed" + explain());
        return exitCode;
    }

    public String stdout() {
        return stdout;
    }

    public String stderr() {
        return stderr;
    }

    public List<String> stderrLines() {
        return lines(stderr);
    }

    public List<String> stdoutLines() {
        return lines(stdout);
    }

    public Jdk jdk() {
        return jdk;
    }

    /** The report file the child was given (it may not exist); null when it ran without the agent. */
    public Path reportFile() {
        return reportFile;
    }

    /** The raw report text ("" when there is none). */
    public String reportText() {
        try {
            return reportFile != null && Files.exists(reportFile) ? Files.readString(reportFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized Report report() {
        if (report == null) {
            if (reportFile == null) throw new IllegalStateException("this run has no report file");
            if (!Files.exists(reportFile)) throw new AssertionFailedError("the agent wrote no report at " + reportFile + explain());
            report = new Report(reportText(), this);
        }
        return report;
    }

    /** A scenario that ran to its end: exit status 0, and it printed "done" last. */
    public RunResult assertCompleted() {
        verify(() -> {
            if (exitCode() != 0) throw new AssertionFailedError("scenario exited with " + exitCode + ", expected 0");
            List<String> out = stdoutLines();
            if (out.isEmpty() || !out.get(out.size() - 1).equals("done")) {
                throw new AssertionFailedError("scenario did not print \"done\" last: it did not run to its end");
            }
        });
        return this;
    }

    /** Runs assertions; a failure carries the whole run (report, stderr, stdout) so it explains itself. */
    public void verify(Assertions assertions) {
        try {
            assertions.run();
        } catch (AssertionError e) {
            if (String.valueOf(e.getMessage()).contains(EXPLAIN_MARKER)) throw e;
            AssertionFailedError wrapped = new AssertionFailedError(e.getMessage() + explain(), e);
            wrapped.setStackTrace(e.getStackTrace());
            throw wrapped;
        }
    }

    /** The run, readable in a test failure. */
    public String explain() {
        return "\n" + EXPLAIN_MARKER
                + "\ncommand: " + command
                + "\ndirectory: " + dir
                + "\nexit code: " + (exitCode == null ? "(killed after timeout)" : exitCode) + " after " + millis + " ms"
                + "\n--- report ---\n" + (reportFile == null ? "(no report requested)" : reportText())
                + "\n--- stderr ---\n" + stderr
                + "\n--- stdout ---\n" + stdout
                + "\n=== end of run ===";
    }

    static List<String> lines(String text) {
        return Arrays.stream(text.split("\\R")).filter(l -> !l.isBlank()).collect(Collectors.toList());
    }

    @FunctionalInterface
    public interface Assertions {
        void run() throws AssertionError;
    }
}
