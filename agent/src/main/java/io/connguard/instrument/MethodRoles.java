package io.connguard.instrument;

import java.util.Set;
import java.util.function.Predicate;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Which {@link Hook} a method gets, by its name and descriptor, as the JDBC interfaces name the
 * methods: the close, the calls any thread may make, the factories, the calls that carry SQL, and
 * those a transaction is made of.
 */
final class MethodRoles {
    private static final String STRING = "Ljava/lang/String;";
    private static final Set<String> WRITES = Set.of("executeUpdate", "executeLargeUpdate");
    private static final Set<String> BATCHES = Set.of("executeBatch", "executeLargeBatch");
    private static final Set<String> ROW_CHANGES = Set.of("insertRow", "updateRow", "deleteRow");
    /**
     * What pools' data sources offer instead of a close for a connection they lent, to destroy it
     * rather than keep it: HikariCP's {@code HikariDataSource.evictConnection(Connection)} ("if the
     * connection has not been closed, the eviction is immediate"), Commons DBCP2's
     * {@code BasicDataSource.invalidateConnection(Connection)}. Named, not guessed from the
     * descriptor: other data sources' methods that take a connection do not end it.
     */
    private static final Set<String> HAND_BACKS = Set.of("evictConnection", "invalidateConnection");

    private MethodRoles() {}

    /** Methods that can carry code a call runs: not static, abstract, native, a bridge or a constructor. */
    static boolean isAdvisable(int access, String name) {
        return (access & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE)) == 0
            && name.charAt(0) != '<';
    }

    /**
     * The hook of a method of a {@code Connection}, {@code Statement}, {@code ResultSet} or
     * {@code DatabaseMetaData} implementation, or null if {@code jdbc} (the JDBC interface methods
     * the class implements) does not hold it.
     */
    static Hook ofTracked(String name, String descriptor, JdbcInterfaces.Implemented jdbc) {
        String key = JdbcInterfaces.key(name, descriptor);
        if (!jdbc.contains(key)) return null;
        Type[] args = Type.getArgumentTypes(descriptor);
        if (args.length == 0 && name.equals("close")) return Hook.CLOSE;
        if (args.length == 0 && (name.equals("cancel") || name.equals("isClosed"))) return Hook.ANY_THREAD;
        if (args.length == 1 && name.equals("abort")) return Hook.ABORT;
        boolean sql = args.length > 0 && args[0].getDescriptor().equals(STRING);
        if (JdbcInterfaces.STATEMENT_MAKERS.contains(key)) return sql ? Hook.SQL_STATEMENT_MAKER : Hook.STATEMENT_MAKER;
        if (jdbc.isFactory(key)) return sql && name.equals("executeQuery") ? Hook.SQL_FACTORY : Hook.FACTORY;
        if (name.equals("setAutoCommit") && descriptor.startsWith("(Z)")) return Hook.AUTO_COMMIT;
        if (name.equals("getAutoCommit") && descriptor.equals("()Z")) return Hook.AUTO_COMMIT_READ;
        // rollback(Savepoint) is no end: it may leave earlier writes uncommitted
        if (args.length == 0 && (name.equals("commit") || name.equals("rollback"))) return Hook.TRANSACTION_END;
        // getMoreResults(int) closes the current result set or keeps it, as its argument says
        if (args.length == 0 && name.equals("getMoreResults")) return Hook.NEXT_RESULT;
        boolean sqlUse = sql && (name.startsWith("execute") || name.equals("addBatch"));
        if (args.length == 0 && BATCHES.contains(name)) return Hook.BATCH;
        if (WRITES.contains(name) || args.length == 0 && ROW_CHANGES.contains(name)) return sqlUse ? Hook.SQL_WRITE : Hook.WRITE;
        if (name.equals("execute") && descriptor.endsWith(")Z")) return sqlUse ? Hook.SQL_EXECUTE : Hook.EXECUTE;
        if (sqlUse) return Hook.SQL_USE;
        return JdbcInterfaces.isAccessor(key) ? Hook.CHECK : Hook.USE;
    }

    /**
     * The hook of a method of a {@code Driver}, {@code DataSource} or {@code PooledConnection}
     * implementation, or null: {@code connect(url, info)}, {@code getConnection(..)} when declared
     * to return a connection, {@code getPooledConnection(..)} and {@code getXAConnection(..)}.
     * {@code returnsConnection} answers for a descriptor; it is asked only for {@code connect} and
     * {@code getConnection}, as it may have to read the return type's class file. A
     * {@code PooledConnection}'s ({@code pooledConnection}) {@code getConnection} and {@code close}
     * close its previous handle (JDBC 2.0 Optional Package, section 6.2.3; a closed physical
     * connection closes its handle). A pool's {@link #HAND_BACKS} close the connection they take.
     */
    static Hook ofOpener(String name, String descriptor, boolean pooledConnection, Predicate<String> returnsConnection) {
        if (pooledConnection) {
            if (name.equals("close") && descriptor.equals("()V")) return Hook.HANDLE_RELEASE;
            if (name.equals("getConnection")) return returnsConnection.test(descriptor) ? Hook.HANDLE : null;
        }
        if (name.equals("connect") && descriptor.startsWith("(" + STRING) && Type.getArgumentTypes(descriptor).length == 2) {
            return returnsConnection.test(descriptor) ? Hook.CONNECT : Hook.OPEN_PHYSICAL;
        }
        if (name.equals("getConnection")) return returnsConnection.test(descriptor) ? Hook.OPEN : null;
        if (HAND_BACKS.contains(name) && descriptor.equals("(Ljava/sql/Connection;)V")) return Hook.HAND_BACK;
        return name.equals("getPooledConnection") || name.equals("getXAConnection") ? Hook.OPEN_PHYSICAL : null;
    }
}
