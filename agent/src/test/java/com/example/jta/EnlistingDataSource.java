package com.example.jta;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import javax.sql.XAConnection;
import javax.sql.XADataSource;

/**
 * A data source as a JTA-aware pool is one: each {@code getConnection} takes an XA connection and
 * enlists it in the current global transaction before handing out its connection, which the
 * application then never commits itself.
 */
public final class EnlistingDataSource implements DataSource {
    private final XADataSource xa;
    private final OneResourceTransaction transaction;

    public EnlistingDataSource(XADataSource xa, OneResourceTransaction transaction) {
        this.xa = xa;
        this.transaction = transaction;
    }

    @Override
    public Connection getConnection() throws SQLException {
        XAConnection physical = xa.getXAConnection();
        try {
            transaction.enlistResource(physical.getXAResource());
        } catch (javax.transaction.SystemException e) {
            throw new SQLException(e);
        }
        return physical.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
