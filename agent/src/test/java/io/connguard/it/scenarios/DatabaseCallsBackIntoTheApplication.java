package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * H2 calls a function of the application's ({@code CREATE ALIAS}) for each row of a query, and that
 * function reads from another connection of the application's: code the database called back, not
 * a wrapper driving the connection beneath it. With {@code leak}, that other connection is never
 * closed: a leak at exit, opened at {@link #main}'s line; without, everything is closed.
 */
public final class DatabaseCallsBackIntoTheApplication {
    private static Connection other;

    private DatabaseCallsBackIntoTheApplication() {}

    /** The function H2 calls: a count read through the other connection, plus {@code x}. */
    public static int plusRows(int x) throws SQLException {
        try (Statement s = other.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM SYSTEM_RANGE(1, 3)")) {
            rs.next();
            return x + rs.getInt(1);
        }
    }

    public static void main(String[] args) throws Exception {
        boolean leak = args.length > 0 && args[0].equals("leak");
        other = DriverManager.getConnection("jdbc:h2:mem:called-back-other");
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:called-back");
             Statement s = c.createStatement()) {
            s.execute("CREATE ALIAS PLUS_ROWS FOR \"" + DatabaseCallsBackIntoTheApplication.class.getName() + ".plusRows\"");
            try (ResultSet rs = s.executeQuery("SELECT PLUS_ROWS(X) FROM SYSTEM_RANGE(1, 2)")) {
                while (rs.next()) System.out.println(rs.getInt(1));
            }
        }
        if (!leak) other.close();
        System.out.println("done");
    }
}
