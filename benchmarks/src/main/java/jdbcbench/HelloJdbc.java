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
 *
 * <p>With an argument, {@code HelloJdbc MS}: the main thread first computes for {@code MS}
 * milliseconds, as a test framework starting up would, and the program prints how long the
 * connection and query then took ({@code first_jdbc_ms=N}): what a test JVM's first query pays,
 * after an agent had that long to prepare on another thread.
 */
public final class HelloJdbc {
    public static void main(String[] args) throws Exception {
        long startupMs = args.length > 0 ? Long.parseLong(args[0]) : 0;
        if (startupMs > 0) System.out.println("work=" + compute(startupMs));
        long began = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
        }
        System.out.println(startupMs > 0 ? "first_jdbc_ms=" + (System.nanoTime() - began) / 1_000_000 : "hello");
    }

    /** Work the JIT cannot drop (its result is printed), for {@code ms} milliseconds. */
    private static double compute(long ms) {
        long until = System.nanoTime() + ms * 1_000_000;
        double sum = 0;
        while (System.nanoTime() < until) {
            for (int i = 1; i <= 1000; i++) sum += Math.sqrt(i);
        }
        return sum;
    }
}
