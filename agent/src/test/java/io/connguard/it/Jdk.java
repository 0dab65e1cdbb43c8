package io.connguard.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** A Java installation a scenario can run on, named by its feature release ("JDK 17"). */
public final class Jdk {
    private final Path home;
    private final int feature;

    Jdk(Path home) {
        this.home = home;
        this.feature = featureOf(home);
    }

    public Path home() {
        return home;
    }

    public Path java() {
        return home.resolve("bin").resolve("java");
    }

    /** 17, 21, 25 ... */
    public int feature() {
        return feature;
    }

    public boolean hasVirtualThreads() {
        return feature >= 21;
    }

    @Override
    public String toString() {
        return "JDK " + feature;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Jdk && ((Jdk) o).home.equals(home);
    }

    @Override
    public int hashCode() {
        return home.hashCode();
    }

    /** The {@code release} file every JDK ships says JAVA_VERSION="17.0.15"; the running JVM knows its own. */
    private static int featureOf(Path home) {
        Path release = home.resolve("release");
        if (Files.isRegularFile(release)) {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(release)) {
                p.load(in);
                String v = p.getProperty("JAVA_VERSION", "").replace("\"", "");
                if (v.startsWith("1.")) v = v.substring(2);
                int end = 0;
                while (end < v.length() && Character.isDigit(v.charAt(end))) end++;
                if (end > 0) return Integer.parseInt(v.substring(0, end));
            } catch (IOException | NumberFormatException ignored) {
                // fall through
            }
        }
        if (home.equals(Path.of(System.getProperty("java.home")))) return Runtime.version().feature();
        throw new IllegalArgumentException("cannot tell the Java version of " + home + " (no readable release file)");
    }
}
