package com.zaxxer.hikari.pool;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import com.example.datasource.PlainDataSource;

/** A JDBC stub in the pool's package, as a pool's own test suite has them: hands the pool SQLite connections. */
public final class StubSqliteDataSource extends PlainDataSource {
    private final String url;

    public StubSqliteDataSource(String url) {
        this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return DriverManager.getConnection(url);
    }
}
