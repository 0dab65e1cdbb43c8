package io.connguard.runtime;

/**
 * Added to every {@code Connection}, {@code Statement}, {@code ResultSet} and
 * {@code DatabaseMetaData} implementation at load time, with a field behind it: the object's state
 * is one field read away, no map lookup. A {@code DatabaseMetaData} shares its connection's
 * resource: calling it is using the connection.
 */
public interface Tracked extends JdbcImplementation {

    Resource connguard$resource();

    void connguard$resource(Resource resource);
}
