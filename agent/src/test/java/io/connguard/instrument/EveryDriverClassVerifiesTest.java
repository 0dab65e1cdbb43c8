package io.connguard.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;

/**
 * Every class of real drivers and pools goes through the transformer, and each one it rewrites is
 * defined and linked, so that the JVM's own verifier checks the hooks' bytecode and stack map
 * frames: a class connguard breaks would fail to load in the application. Classes whose static
 * initializer fails here for want of what the application would have (a native library, an
 * optional dependency) say nothing of connguard; a {@link VerifyError} or {@link ClassFormatError} does.
 */
class EveryDriverClassVerifiesTest {

    @ParameterizedTest
    @ValueSource(classes = {org.sqlite.JDBC.class, com.mysql.cj.jdbc.Driver.class, org.postgresql.Driver.class,
        org.h2.Driver.class, com.zaxxer.hikari.HikariDataSource.class, org.apache.commons.dbcp2.BasicDataSource.class,
        com.mchange.v2.c3p0.ComboPooledDataSource.class, org.apache.tomcat.jdbc.pool.DataSource.class,
        io.agroal.pool.DataSource.class, org.vibur.dbcp.ViburDBCPDataSource.class, oracle.ucp.jdbc.PoolDataSourceImpl.class,
        com.alibaba.druid.pool.DruidDataSource.class, org.springframework.jdbc.datasource.DriverManagerDataSource.class,
        org.hsqldb.jdbc.JDBCDriver.class})
    void everyRewrittenClassOfTheJarVerifies(Class<?> fromJar) throws Exception {
        Errors errors = new Errors();
        Rewriting loader = new Rewriting(jarOf(fromJar), new JdbcTransformer(null, errors, null));
        assertEquals(List.of(), unverified(loader), "classes the hooks broke");
        assertEquals(List.of(), errors.list, "classes connguard could not instrument");
        assertTrue(loader.rewritten.size() > 0, "no class of " + fromJar.getName() + "'s jar was rewritten");
        assertEquals(List.of(), HookedCalls.unhooked(loader, loader.defined), "JDBC methods a call through the interface runs without a hook");
    }

    /**
     * Every statement-making call of a jar's classes, rewritten to pass its site as an application
     * class's are ({@link CallSiteRewriter}), verifies: H2's tools and full-text search make
     * statements through {@code java.sql.Connection}. (Loaded from a driver's jar, they are not
     * rewritten in a real run.)
     */
    @Test
    void everyCallSiteRewrittenInAJarVerifies() throws Exception {
        ProtectionDomain place = new ProtectionDomain(new CodeSource(new URL("file:/call-sites-of-h2/"), (Certificate[]) null), null);
        Rewriting loader = new Rewriting(jarOf(org.h2.Driver.class), null) {
            @Override
            byte[] rewrite(byte[] bytes) {
                return CallSiteRewriter.rewrite(new ClassReader(bytes), null, place);
            }
        };
        assertEquals(List.of(), unverified(loader), "classes the call sites broke");
        assertTrue(loader.rewritten.size() > 5, "H2's classes that make statements: " + loader.rewritten);
    }

    /** Loads and initializes every class of the loader's jar; the ones that failed to verify. */
    private static List<String> unverified(Rewriting loader) {
        List<String> failed = new ArrayList<>();
        for (String name : loader.classNames()) {
            try {
                Class.forName(name, true, loader);
            } catch (VerifyError | ClassFormatError e) {
                failed.add(name + ": " + e);
            } catch (Throwable initializerOrMissingDependency) {
                // not connguard's: the class verified, or failed before its own bytes were linked
            }
        }
        return failed;
    }

    /**
     * A class that declares connguard's state members already (a mocking library's subclass
     * overrides the accessors its superclass got) is rewritten into one that declares them once:
     * here, a driver's connection class whose rewritten bytes are rewritten again.
     */
    @Test
    void aClassThatAlreadyHasTheStateMembersGetsThemOnce() throws Exception {
        Errors errors = new Errors();
        Rewriting twice = new Rewriting(jarOf(org.h2.Driver.class), new JdbcTransformer(null, errors, null)) {
            @Override
            byte[] rewrite(byte[] bytes) {
                byte[] once = super.rewrite(bytes);
                return once == null ? null : super.rewrite(once);
            }
        };
        Class<?> connection = Class.forName("org.h2.jdbc.JdbcConnection", true, twice);
        assertEquals(2, java.util.Arrays.stream(connection.getDeclaredMethods())
            .filter(m -> m.getName().equals(JdbcTransformer.FIELD)).count(), "the getter and the setter, once each");
        assertEquals(List.of(), errors.list);
    }

    private static Path jarOf(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Defines the jar's classes itself, child-first, as the transformer rewrites them; everything else comes from the test's class path. */
    private static class Rewriting extends ClassLoader {
        private final Path jar;
        private final JdbcTransformer transformer;
        private final Set<String> names = ConcurrentHashMap.newKeySet();
        final Set<String> rewritten = ConcurrentHashMap.newKeySet();
        /** The bytes each class of the jar was defined with, by internal name. */
        final Map<String, byte[]> defined = new ConcurrentHashMap<>();

        Rewriting(Path jar, JdbcTransformer transformer) throws IOException {
            super(EveryDriverClassVerifiesTest.class.getClassLoader());
            this.jar = jar;
            this.transformer = transformer;
            try (JarFile file = new JarFile(jar.toFile())) {
                for (JarEntry e : Collections.list(file.entries())) {
                    String n = e.getName();
                    if (n.endsWith(".class") && !n.contains("-") && !n.startsWith("META-INF/")) {
                        names.add(n.substring(0, n.length() - 6).replace('/', '.'));
                    }
                }
            }
        }

        List<String> classNames() {
            List<String> sorted = new ArrayList<>(names);
            Collections.sort(sorted);
            return sorted;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!names.contains(name)) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c != null) return c;
                byte[] bytes;
                try (InputStream in = getResourceAsStream(name.replace('.', '/') + ".class")) {
                    bytes = in.readAllBytes();
                } catch (IOException | NullPointerException e) {
                    throw new ClassNotFoundException(name, e);
                }
                byte[] out = rewrite(bytes);
                if (out != null) rewritten.add(name);
                byte[] used = out == null ? bytes : out;
                defined.put(name.replace('.', '/'), used);
                return defineClass(name, used, 0, used.length);
            }
        }

        /** The class file as the transformer rewrites it, or null if it leaves it as it is. */
        byte[] rewrite(byte[] bytes) {
            return transformer.transform(null, this, null, null, bytes);
        }

        @Override
        public String toString() {
            return "rewriting " + jar.getFileName();
        }
    }

}
