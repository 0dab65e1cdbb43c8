package io.connguard.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM started by {@link AgentRun#start()} that runs while its test works with it. Closing
 * it ends it, and the processes it started, if it still runs.
 */
public final class RunningJvm implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    RunningJvm(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Its process id, to attach to. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits up to {@code timeout} for it to end by itself; returns whether it did. It runs on if not.
     *
     * @throws InterruptedException when the waiting test is interrupted
     */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Its exit status.
     *
     * @throws IllegalThreadStateException when it still runs
     */
    public int exitValue() {
        return process.exitValue();
    }

    /**
     * What it has printed so far: its stdout, then its stderr.
     *
     * @throws UncheckedIOException when the output files cannot be read
     */
    public String output() {
        try {
            return Files.readString(stdout, StandardCharsets.UTF_8) + Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        ChildProcesses.kill(process);
    }
}
