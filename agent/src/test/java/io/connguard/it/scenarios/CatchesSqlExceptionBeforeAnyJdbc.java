package io.connguard.it.scenarios;

import java.sql.SQLException;

/**
 * A main class that mentions java.sql.SQLException (a catch clause) before any JDBC class is loaded:
 * verifying it loads SQLException first thing. No database at all; it must simply run.
 */
public final class CatchesSqlExceptionBeforeAnyJdbc {
    public static void main(String[] args) {
        try {
            work(args.length > 42);
        } catch (SQLException e) {
            System.out.println("failed: " + e);
        }
        System.out.println("done");
    }

    static void work(boolean fail) throws SQLException {
        if (fail) throw new SQLException("never");
    }
}
