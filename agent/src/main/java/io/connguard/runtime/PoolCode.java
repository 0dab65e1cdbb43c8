package io.connguard.runtime;

import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which classes are a pool's own code: named by the pool packages ({@link Config#pools}) and
 * loaded from where that pool's JDBC classes (its data source, its proxies) were loaded from, the
 * pool's jar. A class of the same package from elsewhere (a pool's own test suite, an application
 * class that borrows a connection there) is the user's. A location that holds a test class is
 * never a pool's: a pool's own test suite keeps JDBC stubs in the pool's package next to its tests
 * (HikariCP's {@code com.zaxxer.hikari.mocks}, DBCP's {@code Tester*} classes), and those tests are
 * the application. Locations are recorded as classes load, from what the JVM hands the agent; no
 * application code is called to learn them.
 */
public final class PoolCode {
    /** Where each loaded class of a pool package came from (the code source's URL), by class name. */
    private static final Map<String, String> LOCATIONS = new ConcurrentHashMap<>();
    /** Per pool package: where its instrumented JDBC classes came from, the pool's jars. */
    private static final Map<String, Set<String>> JARS = new ConcurrentHashMap<>();
    /** Where a test class of a pool package came from: test output, never a pool's jar. */
    private static final Set<String> TEST_LOCATIONS = ConcurrentHashMap.newKeySet();
    /**
     * What the class file of a test names: the test annotations of JUnit 4 and 5 and TestNG, the
     * base class of Spock's specifications.
     */
    private static final byte[][] TEST_MARKS = {
        ascii("Lorg/junit/Test;"), ascii("Lorg/junit/jupiter/api/Test;"), ascii("Lorg/testng/annotations/Test;"),
        ascii("spock/lang/Specification")};

    private PoolCode() {}

    /**
     * A class is loading ({@code name} with slashes, as the JVM gives it, {@code bytes} its class
     * file): remembered if a pool package names it, and its location as test output if it is a test.
     */
    public static void loaded(String name, ProtectionDomain domain, byte[] bytes) {
        String dotted = name.replace('/', '.');
        if (prefixOf(dotted) == null) return;
        String location = CodeLocation.of(domain);
        if (location == null) return;
        LOCATIONS.put(dotted, location);
        if (isTest(bytes)) TEST_LOCATIONS.add(location);
    }

    /** A class that implements JDBC is instrumented: if a pool package names it, where it came from is that pool's code. */
    public static void jdbcClass(String name, ProtectionDomain domain) {
        String prefix = prefixOf(name);
        String location = prefix == null ? null : CodeLocation.of(domain);
        if (location != null) JARS.computeIfAbsent(prefix, p -> ConcurrentHashMap.newKeySet()).add(location);
    }

    /**
     * Whether frames of this class are a pool's. A class of unknown origin, or of a pool package
     * none of whose JDBC classes was seen, is judged by its package alone.
     */
    static boolean isPool(String className) {
        String prefix = prefixOf(className);
        if (prefix == null) return false;
        String location = LOCATIONS.get(className);
        Set<String> jars = JARS.get(prefix);
        return location == null || jars == null || jars.contains(location) && !TEST_LOCATIONS.contains(location);
    }

    /** Whether a pool package ({@link Config#pools}) names the class, wherever it came from. */
    static boolean inPoolPackage(String className) {
        return prefixOf(className) != null;
    }

    /** Whether the class file names a test annotation or Spock's specification class. */
    private static boolean isTest(byte[] bytes) {
        for (byte[] mark : TEST_MARKS) {
            if (ClassBytes.holds(bytes, mark)) return true;
        }
        return false;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String prefixOf(String className) {
        for (String p : Config.pools) {
            if (className.startsWith(p)) return p;
        }
        return null;
    }
}
