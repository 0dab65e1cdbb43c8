package jdbcbench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A connection borrowed from HikariCP and returned, around a trivial query: what a request
 * handler does. To the agent every borrow is a connection open (of Hikari's proxy, the user's
 * resource) and every return a close.
 *
 * <p>{@link #hikariLeakDetection} is the same borrow from a pool with HikariCP's own
 * {@code leakDetectionThreshold} set, run without the agent as a reference: what HikariCP itself
 * charges for knowing where each borrow was made (an {@code Exception} and a scheduled task per
 * borrow), the knowledge connguard's borrow stack is for.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PoolBorrow {

    @State(Scope.Benchmark)
    public static class Pool {
        @Param({"sqlite", "h2"})
        public String db;

        HikariDataSource dataSource;

        @Setup(Level.Trial)
        public void start() throws SQLException {
            HikariConfig config = config();
            dataSource = new HikariDataSource(config);
            try (Connection c = dataSource.getConnection()) {
                Tables.create(c);
            }
        }

        HikariConfig config() {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(Tables.sharedInMemoryUrl(db));
            config.setMaximumPoolSize(2);
            config.setMinimumIdle(2);
            config.setPoolName("bench");
            return config;
        }

        @TearDown(Level.Trial)
        public void stop() {
            dataSource.close();
        }
    }

    /** A pool with HikariCP's leak detection on (a minute: no borrow here is held that long). */
    @State(Scope.Benchmark)
    public static class LeakDetectingPool extends Pool {
        @Override
        HikariConfig config() {
            HikariConfig config = super.config();
            config.setLeakDetectionThreshold(60_000);
            return config;
        }
    }

    @Benchmark
    public int hikariOpenClose(Pool pool) throws SQLException {
        return borrowAndQuery(pool);
    }

    @Benchmark
    public int hikariLeakDetection(LeakDetectingPool pool) throws SQLException {
        return borrowAndQuery(pool);
    }

    private static int borrowAndQuery(Pool pool) throws SQLException {
        try (Connection c = pool.dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT 1");
             ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
