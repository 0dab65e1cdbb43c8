package io.connguard.instrument;

import io.connguard.runtime.FindingSink;
import java.lang.instrument.Instrumentation;
import java.util.Set;

/**
 * After an attach: the JDBC classes the JVM already loaded get their advice by retransformation.
 * Their objects keep their state in a weak map, as a loaded class cannot get a field; connections
 * opened before the attach stay unknown.
 */
final class LoadedClasses {
    private static final Set<String> JDBC = Set.of("java.sql.Connection", "java.sql.Statement", "java.sql.ResultSet",
        "java.sql.DatabaseMetaData", "java.sql.Driver", "javax.sql.DataSource", "javax.sql.PooledConnection",
        "javax.sql.ConnectionPoolDataSource", "javax.sql.XADataSource");

    private LoadedClasses() {}

    static void retransform(Instrumentation inst, FindingSink errors) {
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.isInterface() || c.getClassLoader() == null || !inst.isModifiableClass(c) || !implementsJdbc(c)) continue;
            try {
                inst.retransformClasses(c);
            } catch (Throwable t) {
                errors.internalError(new IllegalStateException("could not instrument " + c.getName(), t));
            }
        }
    }

    private static boolean implementsJdbc(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) {
                if (JDBC.contains(i.getName()) || implementsJdbc(i)) return true;
            }
        }
        return false;
    }
}
