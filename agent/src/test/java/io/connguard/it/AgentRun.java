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
 * Runs a program in a child JVM, by default with the built agent jar attached:
 * {@code java -javaagent:connguard-agent.jar=report=FILE[,options] -cp SCENARIO_CLASSPATH Main args},
 * or {@code java ... -jar JAR args}, to run an application jar or the agent jar's own commands.
 * The child gets its own directory (report, stdout, stderr, by default its working directory) under
 * {@code target/it-runs}, kept after the run so a failure can be read at leisure, and an environment
 * without the developer's settings (see {@link ChildProcesses}).
 */
public final class AgentRun {
    private static final Map<String, CompletableFuture<RunResult>> ONCE = new ConcurrentHashMap<>();
    /** Child JVMs at once: tests run in parallel, but one per core on the 2-core build machine. */
    private static final Semaphore CHILDREN = new Semaphore(Integer.getInteger("connguard.it.parallel", 2), true);
    private static final String REPORT = "report.jsonl";
    private static final String STDOUT = "stdout.txt";
    private static final String STDERR = "stderr.txt";

    /** Exactly one of mainClass and jar is set: what the child runs. */
    private final String mainClass;
    private final Path jar;
    /** Names the child's directory and its line in the test log. */
    private final String name;
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> extraClasspath = new ArrayList<>();
    private Map<String, String> parentEnvironment = System.getenv();
    private Path workingDirectory;
    private String rawAgentArgs;
    private boolean agent = true;
    private Jdk jdk = Jdks.current();
    private Duration timeout = Duration.ofSeconds(60);

    private AgentRun(String mainClass, Path jar, String name) {
        this.mainClass = mainClass;
        this.jar = jar;
        this.name = name;
    }

    /** {@code main} run from the scenario class path (system property {@code connguard.scenario.classpath}). */
    public static AgentRun scenario(Class<?> main) {
        String name = main.getName();
        return new AgentRun(name, null, name.substring(name.lastIndexOf('.') + 1));
    }

    /** {@code java -jar jar}: an application jar run as its users run it, its class path its own. */
    public static AgentRun jar(Path jar) {
        String file = jar.getFileName().toString();
        return new AgentRun(null, jar.toAbsolutePath(), file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file);
    }

    /**
     * The agent jar as a tool, {@code java -jar connguard-agent.jar COMMAND args}, without {@code -javaagent}:
     * e.g. {@code agentCommand("report")} or {@code agentCommand("attach")}.
     *
     * @throws IllegalStateException when system property {@code connguard.agent.jar} names no file
     */
    public static AgentRun agentCommand(String command) {
        return jar(agentJar()).withoutAgent().args(command);
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

    /** A variable of the child's environment, set after the developer's own settings are taken out. */
    public AgentRun env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** The child's working directory, for relative file names in its arguments; by default its own run directory. */
    public AgentRun workingDirectory(Path directory) {
        this.workingDirectory = directory;
        return this;
    }

    /**
     * Starts the child as if {@code parent} were this JVM's environment: for checking that the
     * developer's settings in it never reach a child.
     */
    AgentRun parentEnvironment(Map<String, String> parent) {
        this.parentEnvironment = parent;
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
                + parentEnvironment + "|" + workingDirectory + "|" + extraClasspath + "|" + mainClass + "|" + jar + "|" + args;
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
                return runToItsEnd();
            } finally {
                CHILDREN.release();
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + name, e);
        }
    }

    /**
     * Starts the program and returns at once, while it runs: for a JVM a test works with from outside,
     * such as one to attach to. It takes no place among the child JVMs that {@link #run()} bounds, as it
     * lives as long as its test wants; the caller ends it with {@link RunningJvm#close()}.
     *
     * @throws IllegalStateException when the JVM cannot be started
     */
    public RunningJvm start() {
        try {
            Path dir = runDirectory();
            Process process = processBuilder(dir).start();
            System.out.printf("[connguard-it] %s %s on %s%s: started as %d (%s)%n", name, args, jdk,
                    agent ? "" : " without agent", process.pid(), dir.getFileName());
            return new RunningJvm(process, dir.resolve(STDOUT), dir.resolve(STDERR));
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name, e);
        }
    }

    private RunResult runToItsEnd() throws IOException, InterruptedException {
        Path dir = runDirectory();
        ProcessBuilder builder = processBuilder(dir);
        long started = System.nanoTime();
        Process process = builder.start();
        boolean finished = ChildProcesses.awaitOrKill(process, timeout);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("[connguard-it] %s %s on %s%s: exit %s after %d ms (%s)%n", name, args, jdk,
                agent ? "" : " without agent", finished ? process.exitValue() : "killed", millis, dir.getFileName());
        return new RunResult(String.join(" ", builder.command()), dir, finished ? process.exitValue() : null, millis,
                read(dir.resolve(STDOUT)), read(dir.resolve(STDERR)), agent && rawAgentArgs == null ? dir.resolve(REPORT) : null, jdk);
    }

    /** The child's own directory, kept after the run: its report, output and {@code java.io.tmpdir}. */
    private Path runDirectory() throws IOException {
        return Files.createTempDirectory(runsDirectory(), name + "-jdk" + jdk.feature() + "-");
    }

    private ProcessBuilder processBuilder(Path dir) {
        return ChildProcesses.builder(command(dir), parentEnvironment, env)
                .directory((workingDirectory != null ? workingDirectory : dir).toFile())
                .redirectOutput(dir.resolve(STDOUT).toFile())
                .redirectError(dir.resolve(STDERR).toFile());
    }

    private List<String> command(Path dir) {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        if (agent) command.add("-javaagent:" + agentJar() + "=" + agentArgs(dir.resolve(REPORT)));
        // sqlite-jdbc loads a native library; from JDK 24 on that prints a JNI warning unless allowed.
        // It is the application's warning, not ours; allowing it keeps "no JVM warning" checkable.
        command.add("--enable-native-access=ALL-UNNAMED");
        // sqlite-jdbc extracts its native library to java.io.tmpdir and deletes the copies of other
        // processes it takes for stale; two children at once race on that and one logs an error.
        // A test that shares a directory between its runs names it in a JVM argument, which comes later and wins.
        command.add("-Djava.io.tmpdir=" + dir);
        command.addAll(jvmArgs);
        if (jar != null) {
            if (!extraClasspath.isEmpty()) throw new IllegalStateException("java -jar takes its class path from the jar only");
            command.add("-jar");
            command.add(jar.toString());
        } else {
            command.add("-cp");
            StringBuilder cp = new StringBuilder(scenarioClasspath());
            for (String entry : extraClasspath) cp.append(java.io.File.pathSeparator).append(entry);
            command.add(cp.toString());
            command.add(mainClass);
        }
        command.addAll(args);
        return command;
    }

    private String agentArgs(Path report) {
        if (rawAgentArgs != null) return rawAgentArgs;
        StringBuilder s = new StringBuilder("report=").append(report);
        options.forEach((k, v) -> s.append(',').append(k).append('=').append(v));
        return s.toString();
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
