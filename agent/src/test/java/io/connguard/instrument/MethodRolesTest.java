package io.connguard.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which hook each JDBC method gets, as the JDBC interfaces declare the methods: what a driver
 * class implementing them gets around each of its own.
 */
class MethodRolesTest {
    private static final JdbcInterfaces.Implemented ALL_TRACKED = JdbcInterfaces.implementedBy(Set.of("java/sql/Connection",
        "java/sql/Statement", "java/sql/PreparedStatement", "java/sql/CallableStatement", "java/sql/ResultSet",
        "java/sql/DatabaseMetaData", "java/sql/Wrapper"));

    @ParameterizedTest(name = "{0}{1} -> {2}")
    @CsvSource({
        "close, ()V, CLOSE",
        "cancel, ()V, ANY_THREAD",
        "isClosed, ()Z, ANY_THREAD",
        "abort, (Ljava/util/concurrent/Executor;)V, ABORT",
        "createStatement, ()Ljava/sql/Statement;, STATEMENT_MAKER",
        "createStatement, (II)Ljava/sql/Statement;, STATEMENT_MAKER",
        "prepareStatement, (Ljava/lang/String;[Ljava/lang/String;)Ljava/sql/PreparedStatement;, SQL_STATEMENT_MAKER",
        "prepareStatement, (Ljava/lang/String;)Ljava/sql/PreparedStatement;, SQL_STATEMENT_MAKER",
        "prepareCall, (Ljava/lang/String;)Ljava/sql/CallableStatement;, SQL_STATEMENT_MAKER",
        "executeQuery, (Ljava/lang/String;)Ljava/sql/ResultSet;, SQL_FACTORY",
        "executeQuery, ()Ljava/sql/ResultSet;, FACTORY",
        "getResultSet, ()Ljava/sql/ResultSet;, FACTORY",
        "getMetaData, ()Ljava/sql/DatabaseMetaData;, FACTORY",
        "closeOnCompletion, ()V, FACTORY",
        "getStatement, ()Ljava/sql/Statement;, CHECK",
        "setAutoCommit, (Z)V, AUTO_COMMIT",
        "getAutoCommit, ()Z, AUTO_COMMIT_READ",
        "setSavepoint, ()Ljava/sql/Savepoint;, USE",
        "commit, ()V, TRANSACTION_END",
        "rollback, ()V, TRANSACTION_END",
        "rollback, (Ljava/sql/Savepoint;)V, USE",
        "executeUpdate, (Ljava/lang/String;)I, SQL_WRITE",
        "executeUpdate, ()I, WRITE",
        "executeLargeBatch, ()[J, BATCH",
        "executeBatch, ()[I, BATCH",
        "updateRow, ()V, WRITE",
        "execute, (Ljava/lang/String;)Z, SQL_EXECUTE",
        "execute, ()Z, EXECUTE",
        "addBatch, (Ljava/lang/String;)V, SQL_USE",
        "addBatch, ()V, USE",
        "setInt, (II)V, CHECK",
        "setString, (Ljava/lang/String;Ljava/lang/String;)V, CHECK",
        "clearParameters, ()V, CHECK",
        "getInt, (I)I, CHECK",
        "getString, (Ljava/lang/String;)Ljava/lang/String;, CHECK",
        "updateInt, (II)V, CHECK",
        "wasNull, ()Z, CHECK",
        "getWarnings, ()Ljava/sql/SQLWarning;, CHECK",
        "next, ()Z, USE",
        "getMoreResults, ()Z, NEXT_RESULT",
        "getMoreResults, (I)Z, USE",
        "setFetchSize, (I)V, USE",
        "setReadOnly, (Z)V, USE",
        "isValid, (I)Z, USE",
        "unwrap, (Ljava/lang/Class;)Ljava/lang/Object;, USE",
    })
    void aJdbcMethodGetsItsHook(String name, String descriptor, Hook hook) {
        assertEquals(hook, MethodRoles.ofTracked(name, descriptor, ALL_TRACKED));
    }

    /**
     * {@code getMetaData()} hands out the connection's {@code DatabaseMetaData} only on a
     * connection: a result set's or a prepared statement's describes columns, and sqlite-jdbc's is
     * the result set itself, whose state must stay its own.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"java/sql/ResultSet", "java/sql/PreparedStatement"})
    void getMetaDataOfAResultSetOrAPreparedStatementHandsOutNothing(String implemented) {
        JdbcInterfaces.Implemented jdbc = JdbcInterfaces.implementedBy(Set.of(implemented, "java/sql/Statement", "java/sql/Wrapper"));
        assertEquals(Hook.CHECK, MethodRoles.ofTracked("getMetaData", "()Ljava/sql/ResultSetMetaData;", jdbc));
        JdbcInterfaces.Implemented connection = JdbcInterfaces.implementedBy(Set.of("java/sql/Connection", "java/sql/Wrapper"));
        assertEquals(Hook.FACTORY, MethodRoles.ofTracked("getMetaData", "()Ljava/sql/DatabaseMetaData;", connection));
    }

    @ParameterizedTest(name = "{0}{1}")
    @CsvSource({"toString, ()Ljava/lang/String;", "setCacheSize, (I)V", "helper, ()V"})
    void aMethodNoJdbcInterfaceDeclaresGetsNone(String name, String descriptor) {
        assertNull(MethodRoles.ofTracked(name, descriptor, ALL_TRACKED));
    }

    @ParameterizedTest(name = "{0}{1} -> {3}")
    @CsvSource({
        "connect, (Ljava/lang/String;Ljava/util/Properties;)Ljava/sql/Connection;, true, CONNECT",
        "getConnection, ()Ljava/sql/Connection;, true, OPEN",
        "getConnection, (Ljava/lang/String;Ljava/lang/String;)Ljava/sql/Connection;, true, OPEN",
        "getPooledConnection, ()Ljavax/sql/PooledConnection;, false, OPEN_PHYSICAL",
        "getXAConnection, ()Ljavax/sql/XAConnection;, false, OPEN_PHYSICAL",
        "evictConnection, (Ljava/sql/Connection;)V, false, HAND_BACK",
        "invalidateConnection, (Ljava/sql/Connection;)V, false, HAND_BACK",
    })
    void anOpenerMethodGetsItsHook(String name, String descriptor, boolean returnsConnection, Hook hook) {
        assertEquals(hook, MethodRoles.ofOpener(name, descriptor, false, d -> returnsConnection));
    }

    /** A pooled connection's handle replaces the one before, and its close closes the handle. */
    @ParameterizedTest(name = "{0}{1} -> {2}")
    @CsvSource({"getConnection, ()Ljava/sql/Connection;, HANDLE", "close, ()V, HANDLE_RELEASE"})
    void aPooledConnectionsOwnMethodsGetTheirHooks(String name, String descriptor, Hook hook) {
        assertEquals(hook, MethodRoles.ofOpener(name, descriptor, true, d -> true));
    }

    @ParameterizedTest(name = "{0}{1}")
    @CsvSource({"getConnection, ()Ljava/lang/Object;", "getLoginTimeout, ()I", "shouldClose, (Ljava/sql/Connection;)Z",
        "prepareConnection, (Ljava/sql/Connection;)V"})
    void anOpenerMethodThatOpensNoConnectionGetsNone(String name, String descriptor) {
        assertNull(MethodRoles.ofOpener(name, descriptor, false, d -> false));
    }

    /** The interfaces' own declarations agree with the table above: every JDBC method has a hook. */
    @ParameterizedTest
    @CsvSource({"java.sql.Connection", "java.sql.Statement", "java.sql.PreparedStatement", "java.sql.CallableStatement",
        "java.sql.ResultSet", "java.sql.DatabaseMetaData"})
    void everyMethodOfTheInterfaceHasAHook(String interfaceName) throws ClassNotFoundException {
        for (java.lang.reflect.Method m : Class.forName(interfaceName).getDeclaredMethods()) {
            if (java.lang.reflect.Modifier.isStatic(m.getModifiers())) continue;
            String descriptor = org.objectweb.asm.Type.getMethodDescriptor(m);
            if (MethodRoles.ofTracked(m.getName(), descriptor, ALL_TRACKED) == null) {
                throw new AssertionError(interfaceName + "." + m.getName() + descriptor + " has no hook");
            }
        }
    }
}
