package jdbcbench;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link JdbcCalls} on two threads, each with its own connection and database: anything the
 * agent shares between threads (a lock, a counter, a map) shows here as a ratio worse than the
 * single-threaded one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(2)
public class JdbcCallsTwoThreads {

    @Benchmark
    public int pointSelect(HeldConnection h) throws SQLException {
        return JdbcCalls.pointSelect(h.pointSelect, h.nextId());
    }

    @Benchmark
    public int statementChurn(HeldConnection h) throws SQLException {
        return JdbcCalls.statementChurn(h.connection, h.nextId());
    }
}
