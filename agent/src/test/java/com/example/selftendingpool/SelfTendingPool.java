package com.example.selftendingpool;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import com.example.datasource.PlainDataSource;

/**
 * A pool of one connection connguard does not know (named to it with
 * {@code pools=com.example.selftendingpool}) whose data source class does its own housekeeping, as
 * ebean-datasource's {@code ConnectionPool} does: it lends the same wrapper every time, whose
 * {@code close()} hands it back, and {@link #validateIdle} checks the idle connection through that
 * wrapper, on whatever thread calls it. Outside {@code io.connguard}, like any third-party pool, so
 * that the agent instruments it.
 */
public final class SelfTendingPool extends PlainDataSource {
    private final Connection physical;
    private final Connection lent;
    private boolean busy;

    public SelfTendingPool(String url) throws SQLException {
        physical = DriverManager.getConnection(url);
        lent = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("close")) {
                handBack();
                return null;
            }
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        if (busy) throw new SQLException("pool exhausted");
        busy = true;
        return lent;
    }

    private synchronized void handBack() {
        busy = false;
    }

    /** The pool's own check of its idle connection, made by the data source through the wrapper it lends. */
    public synchronized boolean validateIdle() throws SQLException {
        return busy || lent.getAutoCommit() || !lent.getAutoCommit();
    }

    public void close() throws SQLException {
        physical.close();
    }
}
