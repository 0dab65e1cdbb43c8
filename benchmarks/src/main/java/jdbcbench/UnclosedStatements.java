package jdbcbench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What an unclosed statement costs the heap: opens N prepared statements on one connection, keeps
 * them all, and prints the heap's growth per statement after full collections (bytes). Run it with
 * and without the agent; the difference is connguard's.
 *
 * <pre>java [-javaagent:connguard-agent.jar] -cp benchmarks.jar jdbcbench.UnclosedStatements [URL [N]]</pre>
 *
 * Waits half a second before measuring, so that connguard's leak watcher has swept once.
 */
public final class UnclosedStatements {
    public static void main(String[] args) throws SQLException, InterruptedException {
        String url = args.length > 0 ? args[0] : "jdbc:sqlite::memory:";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS t (id INT)");
        }
        for (int i = 0; i < 100; i++) c.prepareStatement("SELECT id FROM t WHERE id = ?").close(); // classes loaded, code warm
        List<Object> kept = new ArrayList<>(n);
        long before = heapUsed();
        for (int i = 0; i < n; i++) kept.add(c.prepareStatement("SELECT id FROM t WHERE id = ?"));
        Thread.sleep(500);
        long after = heapUsed();
        System.out.println("bytes per unclosed statement: " + (after - before) / kept.size());
        System.exit(0); // the statements stay open on purpose
    }

    private static long heapUsed() {
        for (int i = 0; i < 4; i++) System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
