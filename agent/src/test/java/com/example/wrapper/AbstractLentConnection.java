package com.example.wrapper;

/**
 * The base class of the application's wrappers: it implements {@link LentConnection} and declares
 * nothing, so its class file names no JDBC type and connguard leaves it as it is; each wrapper
 * class below it carries the state itself.
 */
public abstract class AbstractLentConnection implements LentConnection {
}
