package io.connguard.instrument;

import io.connguard.runtime.FindingSink;
import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * After an attach: the JDBC classes the JVM already loaded get their hooks by retransformation.
 * Their objects keep their state in a weak map, as a loaded class cannot get a field; connections
 * opened before the attach stay unknown.
 *
 * <p>Nor can a loaded class get the override that carries the hook of a JDBC method it inherits
 * from a class that does not implement that method's interface (sqlite-jdbc's prepared statement
 * inherits every {@code PreparedStatement} method from an abstract class that is no
 * {@code PreparedStatement}). So the superclasses of loaded JDBC classes are retransformed too,
 * and hooked by the JDBC interfaces their loaded subclasses implement.
 *
 * <p>The application's class loaders are retransformed first, so that those declaring
 * {@code loadClass} answer connguard's runtime before any retransformed JDBC class asks them for
 * it (see {@link BootstrapFirst}).
 */
final class LoadedClasses {
    /** The application's class loader classes; {@link BootstrapFirst} goes into those declaring {@code loadClass}. */
    private final Set<Class<?>> loaders = new LinkedHashSet<>();
    private final Set<Class<?>> jdbc = new LinkedHashSet<>();
    /** Each loaded superclass of a loaded JDBC class, with the JDBC interfaces of its subclasses (internal names). */
    private final Map<Class<?>, Set<String>> below = new HashMap<>();

    private LoadedClasses() {}

    static LoadedClasses scan(Instrumentation inst) {
        LoadedClasses loaded = new LoadedClasses();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.isInterface() || c.getClassLoader() == null || !inst.isModifiableClass(c)) continue;
            if (ClassLoader.class.isAssignableFrom(c) && c.getClassLoader() != ClassLoader.getPlatformClassLoader()) {
                loaded.loaders.add(c);
            }
            Set<String> interfaces = jdbcInterfaces(c);
            if (interfaces.isEmpty()) continue;
            loaded.jdbc.add(c);
            for (Class<?> s = c.getSuperclass(); s != null && s.getClassLoader() != null && inst.isModifiableClass(s); s = s.getSuperclass()) {
                loaded.below.computeIfAbsent(s, k -> new HashSet<>()).addAll(interfaces);
            }
        }
        return loaded;
    }

    void retransform(Instrumentation inst, FindingSink errors) {
        Set<Class<?>> all = new LinkedHashSet<>(loaders);
        all.addAll(jdbc);
        all.addAll(below.keySet());
        for (Class<?> c : all) {
            try {
                inst.retransformClasses(c);
            } catch (Throwable t) {
                errors.internalError(new IllegalStateException("could not instrument " + c.getName(), t));
            }
        }
    }

    /** The JDBC interfaces of the loaded subclasses of this class: none for most. */
    Set<String> interfacesBelow(Class<?> c) {
        return below.getOrDefault(c, Set.of());
    }

    /** The {@code java.sql} and {@code javax.sql} interfaces a class implements, if it implements one of {@link #JDBC}. */
    private static Set<String> jdbcInterfaces(Class<?> c) {
        Set<String> all = new HashSet<>();
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) collect(i, all);
        }
        for (String i : all) {
            if (JdbcInterfaces.TRACKED.contains(i) || JdbcInterfaces.OPENERS.contains(i)) return all;
        }
        return Set.of();
    }

    private static void collect(Class<?> i, Set<String> into) {
        String name = i.getName().replace('.', '/');
        if (name.startsWith("java/sql/") || name.startsWith("javax/sql/")) into.add(name);
        for (Class<?> parent : i.getInterfaces()) collect(parent, into);
    }
}
