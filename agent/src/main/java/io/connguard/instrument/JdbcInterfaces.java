package io.connguard.instrument;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Type;

/**
 * The JDBC interfaces connguard knows, and the methods each declares, read from the
 * {@code java.sql} classes of the running JDK the first time a tracked class is rewritten (most
 * classes that name {@code java.sql} implement none of it). A method is known by its name and
 * parameter types (its key): an implementation may narrow the return type.
 */
final class JdbcInterfaces {
    /** The interfaces whose implementations carry a state: calling them is using a connection. */
    static final Set<String> TRACKED = Set.of("java/sql/Connection", "java/sql/Statement", "java/sql/ResultSet",
        "java/sql/DatabaseMetaData");
    /** The interfaces whose implementations open connections. */
    static final Set<String> OPENERS = Set.of("java/sql/Driver", "javax/sql/DataSource", "javax/sql/PooledConnection",
        "javax/sql/ConnectionPoolDataSource", "javax/sql/XADataSource");

    private static final Class<?>[] DECLARING = {java.sql.Connection.class, java.sql.Statement.class,
        java.sql.PreparedStatement.class, java.sql.CallableStatement.class, java.sql.ResultSet.class,
        java.sql.DatabaseMetaData.class, java.sql.Wrapper.class};
    /** What JDBC methods hand out, as the interfaces declare it. */
    private static final Set<Class<?>> HANDED_OUT = Set.of(java.sql.Statement.class, java.sql.PreparedStatement.class,
        java.sql.CallableStatement.class, java.sql.ResultSet.class, java.sql.DatabaseMetaData.class);

    private JdbcInterfaces() {}

    /** The tables, read when first asked for. */
    private static final class Methods {
        static final Map<String, Implemented> BY_INTERFACE = new HashMap<>();
        static final Set<String> ACCESSORS = new HashSet<>();

        static {
            for (Class<?> i : DECLARING) {
                Implemented declared = new Implemented();
                for (Method m : i.getDeclaredMethods()) {
                    if (Modifier.isStatic(m.getModifiers())) continue;
                    String key = key(m.getName(), Type.getMethodDescriptor(m));
                    declared.keys.add(key);
                    boolean handsOut = HANDED_OUT.contains(m.getReturnType()) && !m.getName().equals("getStatement");
                    if (handsOut || m.getName().equals("closeOnCompletion")) declared.factories.add(key);
                    if (isAccessor(i, m.getName())) ACCESSORS.add(key);
                }
                BY_INTERFACE.put(Type.getInternalName(i), declared);
            }
        }
    }

    /**
     * The JDBC interface methods of a class, by key, and which of them are factories: methods that
     * hand out a statement, a result set or metadata, which the caller then owns, and
     * {@code closeOnCompletion}, which concerns them. A key is a factory of the interface that
     * declares it so, not of every interface that has it: {@code getMetaData()} of a
     * {@code Connection} hands out its {@code DatabaseMetaData}, while a result set's or a prepared
     * statement's describes columns (sqlite-jdbc's result set returns itself, and its prepared
     * statement its own result set).
     */
    static final class Implemented {
        /** A class that implements none. */
        static final Implemented NONE = new Implemented();

        private final Set<String> keys = new HashSet<>();
        private final Set<String> factories = new HashSet<>();

        boolean isEmpty() {
            return keys.isEmpty();
        }

        boolean contains(String key) {
            return keys.contains(key);
        }

        boolean isFactory(String key) {
            return factories.contains(key);
        }
    }

    /** The JDBC interface methods the given types (internal names; any, JDBC or not) declare. */
    static Implemented implementedBy(Set<String> supertypes) {
        Implemented all = new Implemented();
        for (String t : supertypes) {
            Implemented declared = Methods.BY_INTERFACE.get(t);
            if (declared == null) continue;
            all.keys.addAll(declared.keys);
            all.factories.addAll(declared.factories);
        }
        return all;
    }

    /**
     * Whether the method reads or sets a value the driver already holds: a result set's column
     * values of the current row and its other getters, {@code update*} of the row buffer
     * (JDBC 4.3 sections 15.2.3, 15.2.4), a prepared statement's parameters (13.2.2), a callable
     * statement's parameters and OUT values (13.3). By key: the same getter of another interface
     * ({@code Statement.getWarnings()}) counts too. Row changes and factories are decided first.
     */
    static boolean isAccessor(String key) {
        return Methods.ACCESSORS.contains(key);
    }

    private static boolean isAccessor(Class<?> declaring, String name) {
        if (declaring == java.sql.ResultSet.class) {
            return name.startsWith("get") || name.startsWith("update") || name.equals("wasNull") || name.equals("findColumn");
        }
        if (declaring == java.sql.PreparedStatement.class) return name.startsWith("set") || name.equals("clearParameters");
        if (declaring == java.sql.CallableStatement.class) return name.startsWith("get") || name.startsWith("set") || name.equals("wasNull");
        return false;
    }

    /**
     * The methods of {@code java.sql.Connection} that make statements (JDBC 4.3), by key: the
     * statement a call of one makes is created at the line of that call ({@code CallSites}).
     */
    static final Set<String> STATEMENT_MAKERS = Set.of(
        "createStatement()", "createStatement(II)", "createStatement(III)",
        "prepareStatement(Ljava/lang/String;)", "prepareStatement(Ljava/lang/String;I)", "prepareStatement(Ljava/lang/String;[I)",
        "prepareStatement(Ljava/lang/String;[Ljava/lang/String;)", "prepareStatement(Ljava/lang/String;II)",
        "prepareStatement(Ljava/lang/String;III)",
        "prepareCall(Ljava/lang/String;)", "prepareCall(Ljava/lang/String;II)", "prepareCall(Ljava/lang/String;III)");

    /** A method's name and parameter types: {@code execute(Ljava/lang/String;)}. */
    static String key(String name, String descriptor) {
        return name + descriptor.substring(0, descriptor.indexOf(')') + 1);
    }
}
