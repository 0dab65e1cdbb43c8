package com.example.wrapper;

/**
 * The type an application's pool lends its wrappers as: an interface of its own over
 * {@code Connection}, which the wrappers' base class implements without naming any JDBC type itself.
 */
public interface LentConnection extends java.sql.Connection {
}
