package io.connguard.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JDKs the core tests run their scenarios on: the JDK running the tests plus Temurin 25 when it is
 * installed. {@code -Dconnguard.it.jdks=/path/jdk17,/path/jdk25} replaces the list. Under {@code CI=true}
 * a missing JDK 25 fails the run instead of shrinking it: the virtual-thread and JDK 25 scenarios would
 * otherwise pass by not running.
 */
public final class Jdks {
    static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    /**
     * Looked for on first use, not when {@link #current()} is called: a module that runs only on the
     * current JDK, as the sample app's tests do, neither needs JDK 25 nor is told it is missing.
     */
    private static final class Discovered {
        static final List<Jdk> ALL = discover();
    }

    private Jdks() {}

    /** Method source for {@code @ParameterizedTest}: every JDK under test. */
    public static List<Jdk> all() {
        return Discovered.ALL;
    }

    /**
     * Method source for tests whose subject does not depend on the Java version (option parsing, SQL
     * sanitizing, dedup...): the first JDK under test only, to keep the suite's child JVMs few.
     */
    public static List<Jdk> primary() {
        return Discovered.ALL.subList(0, 1);
    }

    /** The JDK running the tests. */
    public static Jdk current() {
        return new Jdk(Path.of(System.getProperty("java.home")));
    }

    private static List<Jdk> discover() {
        String override = System.getProperty("connguard.it.jdks", "").trim();
        if (!override.isEmpty()) {
            List<Jdk> listed = Arrays.stream(override.split(","))
                    .map(String::trim).filter(s -> !s.isEmpty())
                    .map(Path::of).map(Jdk::new)
                    .collect(Collectors.toList());
            for (Jdk jdk : listed) {
                if (!Files.isExecutable(jdk.java())) {
                    throw new IllegalStateException("connguard.it.jdks names " + jdk.home() + " which has no bin/java");
                }
            }
            return List.copyOf(listed);
        }
        List<Jdk> jdks = new ArrayList<>();
        Jdk current = current();
        jdks.add(current);
        if (Files.isExecutable(TEMURIN_25.resolve("bin/java"))) {
            Jdk temurin = new Jdk(TEMURIN_25);
            if (!temurin.equals(current)) jdks.add(temurin);
        } else if ("true".equals(System.getenv("CI")) && current.feature() < 25) {
            throw new IllegalStateException("CI=true and no JDK 25 at " + TEMURIN_25
                + ": the virtual-thread and JDK 25 scenarios cannot run; install it or pass -Dconnguard.it.jdks=...");
        } else {
            System.err.println("connguard ITs: no JDK 25 at " + TEMURIN_25 + "; JDK 25 and virtual-thread scenarios are skipped");
        }
        return List.copyOf(jdks);
    }
}
