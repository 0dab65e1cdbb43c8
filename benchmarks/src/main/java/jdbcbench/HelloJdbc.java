package jdbcbench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * {@link Hello} that also opens an in-memory SQLite connection and runs one query: the start-up a
 * test JVM that touches JDBC pays, including an agent's instrumenting of the driver's classes.
 * {@code DriverManager} loads every driver on the class path first: Connector/J, pgjdbc and H2
 * are there too.
 */
public final class HelloJdbc {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
        }
        System.out.println("hello");
    }
}
