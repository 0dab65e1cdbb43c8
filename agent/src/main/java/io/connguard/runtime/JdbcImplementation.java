package io.connguard.runtime;

/**
 * Marks every class connguard instrumented (drivers, data sources, pools' proxies). Stack traces
 * use it to drop JDBC implementation frames, whatever the vendor, so findings start at the
 * application's own code.
 */
public interface JdbcImplementation {
}
