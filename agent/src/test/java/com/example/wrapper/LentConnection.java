package com.example.wrapper;

/**
 * The type an application's pool lends its wrappers as: an interface of its own over
 * {@code Connection}, which the wrappers' base class implements without naming any JDBC type
 * itself. Its {@code close()} is a default method that hands the connection back: the wrappers
 * inherit it.
 */
public interface LentConnection extends java.sql.Connection {
    /** Gives the physical connection back to the pool. */
    void handBack();

    @Override
    default void close() {
        handBack();
    }
}
