package jdbcbench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

/**
 * The whole-process workload of {@code compare}: point selects on a held prepared statement,
 * then prepare/execute/read/close churn, on one connection to {@code URL} (default in-memory
 * SQLite). Prints the milliseconds of each phase, elapsed and on this thread's CPU clock (which a
 * machine busy with other work disturbs far less); the process's own start-up is timed outside.
 *
 * <pre>java -cp benchmarks.jar jdbcbench.Workload [URL [POINT_SELECTS [CHURN]]]</pre>
 */
public final class Workload {
    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:sqlite::memory:";
        int points = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int churn = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long sum = 0;
        try (Connection c = DriverManager.getConnection(url)) {
            Tables.create(c);
            long c0 = cpu.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            int id = 0;
            try (PreparedStatement p = c.prepareStatement(Tables.POINT_SELECT)) {
                for (int i = 0; i < points; i++) sum += JdbcCalls.pointSelect(p, id = Tables.next(id));
            }
            long c1 = cpu.getCurrentThreadCpuTime(), t1 = System.nanoTime();
            for (int i = 0; i < churn; i++) sum += JdbcCalls.statementChurn(c, id = Tables.next(id));
            long c2 = cpu.getCurrentThreadCpuTime(), t2 = System.nanoTime();
            System.out.printf("total_ms=%d point_ms=%d churn_ms=%d point_cpu_ms=%d churn_cpu_ms=%d checksum=%d%n",
                (t2 - start) / 1_000_000, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                (c1 - c0) / 1_000_000, (c2 - c1) / 1_000_000, sum);
        }
    }
}
