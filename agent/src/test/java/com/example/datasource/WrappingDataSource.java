package com.example.datasource;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A data source of an application's own that hands out each connection of another (a pool) inside
 * a JDK proxy of its own, at once, as tracing and metrics wrappers do. Outside {@code io.connguard},
 * as the application's code is.
 */
public final class WrappingDataSource extends PlainDataSource {
    private final DataSource target;

    public WrappingDataSource(DataSource target) {
        this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection wrapped = target.getConnection();
        InvocationHandler forward = (proxy, method, args) -> {
            try {
                return method.invoke(wrapped, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(WrappingDataSource.class.getClassLoader(), new Class<?>[] {Connection.class}, forward);
    }
}
