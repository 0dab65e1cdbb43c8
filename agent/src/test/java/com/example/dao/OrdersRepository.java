package com.example.dao;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The application's code under test: {@link #count} never closes its connection. */
public final class OrdersRepository {
    static final String URL = "jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1";

    public int count() throws SQLException {
        Connection c = DriverManager.getConnection(URL);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 2")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
