package io.connguard.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs one scenario program in a child JVM with the built agent jar attached:
 * {@code java -javaagent:connguard-agent.jar=report=FILE[,options] -cp SCENARIO_CLASSPATH Main args}.
 * The child gets its own directory (working directory, report, stdout, stderr) under
 * {@code target/it-runs}, kept after the run so a failure can be read at leisure.
 */
public final class AgentRun {
    private static final Map<String, CompletableFuture<RunResult>> ONCE = new ConcurrentHashMap<>();
    /** Child JVMs at once: tests run in parallel, but one per core on the 2-core build machine. */
    private static final Semaphore CHILDREN = new Semaphore(Integer.getInteger("connguard.it.parallel", 2), true);

    private final String mainClass;
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> extraClasspath = new ArrayList<>();
    private String rawAgentArgs;
    private boolean agent = true;
    private Jdk jdk = Jdks.current();
    private Duration timeout = Duration.ofSeconds(60);

    private AgentRun(String mainClass) {
        this.mainClass = mainClass;
    }

    public static AgentRun scenario(Class<?> main) {
        return new AgentRun(main.getName());
    }

    public AgentRun args(String... more) {
        args.addAll(Arrays.asList(more));
        return this;
    }

    /** An agent option after {@code report=}, e.g. {@code option("mode", "strict")}. */
    public AgentRun option(String key, String value) {
        options.put(key, value);
        return this;
    }

    /** The agent argument exactly as given, with no {@code report=}: for testing option parsing itself. */
    public AgentRun rawAgentArgs(String raw) {
        this.rawAgentArgs = raw;
        return this;
    }

    /** The same program without {@code -javaagent}: the baseline the agent must not change. */
    public AgentRun withoutAgent() {
        this.agent = false;
        return this;
    }

    public AgentRun jdk(Jdk jdk) {
        this.jdk = jdk;
        return this;
    }

    public AgentRun jvmArg(String arg) {
        jvmArgs.add(arg);
        return this;
    }

    /** Appends an entry to the child's class path (after the scenario class path). */
    public AgentRun appendClasspath(String entry) {
        extraClasspath.add(entry);
        return this;
    }

    public AgentRun env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public AgentRun timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /**
     * Runs the program, or returns the result of an identical earlier run in this test JVM: several
     * tests assert on different parts of one scenario's report without paying for another JVM.
     */
    public RunResult runOnce() {
        String key = jdk.home() + "|" + agent + "|" + rawAgentArgs + "|" + options + "|" + jvmArgs + "|" + env + "|"
                + extraClasspath + "|" + mainClass + "|" + args;
        CompletableFuture<RunResult> mine = new CompletableFuture<>();
        CompletableFuture<RunResult> earlier = ONCE.putIfAbsent(key, mine);
        if (earlier != null) return earlier.join();
        try {
            mine.complete(run());
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
        }
        return mine.join();
    }

    public RunResult run() {
        try {
            CHILDREN.acquire();
            try {
                return start();
            } finally {
                CHILDREN.release();
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run scenario " + mainClass, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running scenario " + mainClass, e);
        }
    }

    private RunResult start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(runsDirectory(), simpleName() + "-jdk" + jdk.feature() + "-");
        Path report = dir.resolve("report.jsonl");
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");

        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        if (agent) command.add("-javaagent:" + agentJar() + "=" + agentArgs(report));
        // sqlite-jdbc loads a native library; from JDK 24 on that prints a JNI warning unless allowed.
        // It is the application's warning, not ours; allowing it keeps "no JVM warning" checkable.
        command.add("--enable-native-access=ALL-UNNAMED");
        // sqlite-jdbc extracts its native library to java.io.tmpdir and deletes the copies of other
        // processes it takes for stale; two children at once race on that and one logs an error.
        command.add("-Djava.io.tmpdir=" + dir);
        command.addAll(jvmArgs);
        command.add("-cp");
        StringBuilder cp = new StringBuilder(scenarioClasspath());
        for (String entry : extraClasspath) cp.append(java.io.File.pathSeparator).append(entry);
        command.add(cp.toString());
        command.add(mainClass);
        command.addAll(args);

        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        // The developer's shell must not reach the child: connguard options and "Picked up ..." lines.
        pb.environment().keySet().removeIf(k -> k.startsWith("CONNGUARD_"));
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        pb.environment().putAll(env);

        long started = System.nanoTime();
        Process process = pb.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("[connguard-it] %s %s on %s%s: exit %s after %d ms (%s)%n", simpleName(), args, jdk,
                agent ? "" : " without agent", finished ? process.exitValue() : "killed", millis, dir.getFileName());
        return new RunResult(String.join(" ", command), dir, finished ? process.exitValue() : null, millis,
                read(stdout), read(stderr), agent && rawAgentArgs == null ? report : null, jdk);
    }

    private String agentArgs(Path report) {
        if (rawAgentArgs != null) return rawAgentArgs;
        StringBuilder s = new StringBuilder("report=").append(report);
        options.forEach((k, v) -> s.append(',').append(k).append('=').append(v));
        return s.toString();
    }

    private String simpleName() {
        return mainClass.substring(mainClass.lastIndexOf('.') + 1);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    static Path agentJar() {
        String jar = System.getProperty("connguard.agent.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property connguard.agent.jar is " + jar
                    + ": run the integration tests through `mvn verify`, which builds the shaded agent jar first");
        }
        return Path.of(jar).toAbsolutePath();
    }

    static String scenarioClasspath() {
        String cp = System.getProperty("connguard.scenario.classpath");
        if (cp == null || cp.isBlank()) {
            throw new IllegalStateException("system property connguard.scenario.classpath is not set: run through `mvn verify`");
        }
        return cp;
    }

    private static Path runsDirectory() throws IOException {
        String configured = System.getProperty("connguard.it.runs");
        Path dir = configured != null ? Path.of(configured) : agentJar().getParent().resolve("it-runs");
        return Files.createDirectories(dir);
    }
}
