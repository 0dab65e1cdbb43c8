package io.connguard.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a frame's source file under a project directory, so SARIF locations are relative to the
 * repository root as code-scanning UIs expect ({@code orders/src/main/java/com/example/Orders.java}),
 * not only to the package ({@code com/example/Orders.java}, used when nothing is found).
 * Looks in the Maven/Gradle layouts of the directory and of its direct subdirectories (modules).
 */
final class SourceRoots {
    private final Path base;
    private List<Path> roots;

    SourceRoots(Path base) {
        this.base = base;
    }

    String resolve(String packagePath) {
        for (Path root : roots()) {
            Path candidate = root.resolve(packagePath);
            if (Files.isRegularFile(candidate)) return slashes(base.relativize(candidate));
        }
        return packagePath;
    }

    private List<Path> roots() {
        if (roots != null) return roots;
        roots = new ArrayList<>();
        if (base == null || !Files.isDirectory(base)) return roots;
        roots.addAll(sourceSets(base));
        for (Path module : sorted(base)) {
            String name = module.getFileName().toString();
            if (!name.startsWith(".") && !name.equals("target") && !name.equals("build") && !name.equals("node_modules")) {
                roots.addAll(sourceSets(module));
            }
        }
        return roots;
    }

    /** {@code dir/src/<set>/<language>}: main, test, integrationTest..., java, kotlin, groovy, scala. */
    private static List<Path> sourceSets(Path dir) {
        List<Path> out = new ArrayList<>();
        Path src = dir.resolve("src");
        if (!Files.isDirectory(src)) return out;
        for (Path set : sorted(src)) out.addAll(sorted(set));
        return out;
    }

    private static List<Path> sorted(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path child : children) out.add(child);
        } catch (IOException | RuntimeException e) {
            // an unreadable directory only means fewer places to look
        }
        out.sort(null);
        return out;
    }

    private static String slashes(Path p) {
        return p.toString().replace(p.getFileSystem().getSeparator(), "/");
    }
}
