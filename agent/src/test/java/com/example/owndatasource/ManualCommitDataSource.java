package com.example.owndatasource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import com.example.datasource.PlainDataSource;

/**
 * A data source of an application's own: each {@code getConnection} opens a connection through
 * {@code DriverManager} and switches auto-commit off before handing it out. Outside
 * {@code io.connguard}, as the application's code is, so that the agent instruments it.
 */
public final class ManualCommitDataSource extends PlainDataSource {
    private final String url;

    public ManualCommitDataSource(String url) {
        this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        c.setAutoCommit(false);
        return c;
    }
}
