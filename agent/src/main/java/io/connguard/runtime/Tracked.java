package io.connguard.runtime;

/**
 * Added to every {@code Connection}, {@code Statement}, {@code ResultSet} and
 * {@code DatabaseMetaData} implementation at load time, with a field behind it: the object's state
 * is one field read away, no map lookup. A {@code DatabaseMetaData} shares its connection's
 * resource: calling it is using the connection.
 *
 * <p>The accessors speak {@code Object}: the JIT inlines a method only once the classes of its
 * signature are loaded by the caller's class loader, and a driver's loader never loads
 * {@link Resource} (the hooks reach it through {@link Guard}). Typed {@code Resource}, the
 * accessor stayed a real call on every JDBC call.
 */
public interface Tracked {

    Object connguard$resource();

    void connguard$resource(Object resource);
}
