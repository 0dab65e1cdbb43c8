package io.connguard.instrument;

import io.connguard.runtime.Guard;
import io.connguard.runtime.PoolCode;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;

/**
 * The transformer the JVM calls for every class. It hands {@link JdbcTransformer} only the classes
 * whose constant pool mentions {@code java/sql/} or {@code javax/sql/}: every JDBC implementation
 * does, as its interfaces and method signatures name them; and those that may declare a
 * {@code loadClass} method, for {@link BootstrapFirst}. One pass over the bytes answers both.
 */
final class JdbcCandidates implements ClassFileTransformer {
    private static final byte[] SQL = {'/', 's', 'q', 'l', '/'};
    /**
     * The constant-pool entry (UTF-8 tag, length 9, the name) that every class declaring a
     * {@code loadClass} method holds; so does one that only calls it, and {@link JdbcTransformer}
     * tells them apart on the few classes this lets through.
     */
    private static final byte[] LOAD_CLASS = {1, 0, 9, 'l', 'o', 'a', 'd', 'C', 'l', 'a', 's', 's'};

    private final JdbcTransformer jdbc;
    private final ThreadLocal<Boolean> busy = new ThreadLocal<>();

    JdbcCandidates(JdbcTransformer jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) throws IllegalClassFormatException {
        if (loader == null || name == null || isJdk(name) || name.startsWith("io/connguard/")) return null;
        PoolCode.loaded(name, domain, bytes);
        if (!isCandidate(bytes)) return null;
        if (busy.get() != null) return null; // a class loaded while connguard reads supertypes: never a driver's
        busy.set(Boolean.TRUE);
        long started = Guard.agentWorkBegins();
        try {
            return jdbc.transform(module, loader, redefined, domain, bytes);
        } finally {
            busy.remove();
            Guard.agentWorkEnds(started); // the application's thread waited for connguard, not for its database
        }
    }

    /**
     * The JDK's own classes are never drivers, and are what instrumenting itself loads (the
     * {@code java.sql} interfaces it reads its method tables from). Its dynamic proxies are how
     * Tomcat JDBC and Spring hand out connections, and stay candidates.
     */
    static boolean isJdk(String name) {
        return name.startsWith("java/") || name.startsWith("javax/") || name.startsWith("sun/")
            || name.startsWith("jdk/") && !name.startsWith("jdk/proxy")
            || name.startsWith("com/sun/") && !name.startsWith("com/sun/proxy/");
    }

    /** Whether the class file mentions {@code java/sql/} or {@code javax/sql/}, or holds the name {@code loadClass}. */
    static boolean isCandidate(byte[] b) {
        for (int i = 4, end = b.length - SQL.length; i <= end; i++) {
            if (b[i] == '/' ? b[i + 1] == 's' && b[i + 2] == 'q' && b[i + 3] == 'l' && b[i + 4] == '/'
                    && (endsWithJava(b, i) || b[i - 1] == 'x' && endsWithJava(b, i - 1))
                : b[i] == 1 && isAt(b, i, LOAD_CLASS)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAt(byte[] b, int i, byte[] entry) {
        if (i + entry.length > b.length) return false;
        for (int k = 0; k < entry.length; k++) {
            if (b[i + k] != entry[k]) return false;
        }
        return true;
    }

    private static boolean endsWithJava(byte[] b, int end) {
        return end >= 4 && b[end - 4] == 'j' && b[end - 3] == 'a' && b[end - 2] == 'v' && b[end - 1] == 'a';
    }
}
