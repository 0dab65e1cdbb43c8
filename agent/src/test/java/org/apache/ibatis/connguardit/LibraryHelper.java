package org.apache.ibatis.connguardit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The library under test's own code, in a data-access framework's package (as MyBatis's is). */
public final class LibraryHelper {
    private LibraryHelper() {}

    public static Connection open() throws SQLException {
        return DriverManager.getConnection(System.getProperty("scenario.url"));
    }
}
