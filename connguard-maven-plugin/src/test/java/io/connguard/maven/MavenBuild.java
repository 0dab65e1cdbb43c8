package io.connguard.maven;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The machine's real {@code mvn}, run on a copy of one of the repository's example projects, as a
 * user would run it. Without {@code mvn} on the PATH the calling test is skipped, except under
 * {@code CI=true}, where a skipped build test would hide a broken recipe.
 */
final class MavenBuild {
    /** The repository's {@code examples} directory (tests run in a module's directory). */
    static final Path EXAMPLES = Paths.get("").toAbsolutePath().resolveSibling("examples");

    final int exit;
    final String output;

    private MavenBuild(int exit, String output) {
        this.exit = exit;
        this.output = output;
    }

    static Path mvn() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Paths.get(d, "mvn");
            if (Files.isExecutable(p)) return p;
        }
        if ("true".equals(System.getenv("CI"))) throw new AssertionError("CI=true and no mvn on the PATH");
        assumeTrue(false, "mvn on the PATH");
        return null;
    }

    /** Copies an example project without its build output. */
    static Path copyExample(String name, Path to) throws IOException {
        Path from = EXAMPLES.resolve(name);
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.collect(Collectors.toList())) {
                Path rel = from.relativize(p);
                if (rel.startsWith("target")) continue;
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return to;
    }

    static MavenBuild run(Path in, String... command) throws Exception {
        return run(in, List.of(command));
    }

    /** Runs a command in a directory, its output and errors together, within four minutes. */
    static MavenBuild run(Path in, List<String> command) throws Exception {
        Path log = Files.createTempFile(in, "run", ".log");
        Process p = new ProcessBuilder(new ArrayList<>(command)).directory(in.toFile())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command + "\n" + Files.readString(log));
        }
        MavenBuild r = new MavenBuild(p.exitValue(), Files.readString(log));
        Files.delete(log);
        return r;
    }
}
