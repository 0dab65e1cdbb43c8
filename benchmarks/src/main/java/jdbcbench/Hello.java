package jdbcbench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The start-up baselines of {@code compare}: a JVM that prints and exits, and, with {@code jdbc},
 * one that also opens an in-memory SQLite connection and runs one query, which is when an agent
 * instruments the driver's classes.
 */
public final class Hello {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jdbc")) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
            }
        }
        System.out.println("hello");
    }
}
