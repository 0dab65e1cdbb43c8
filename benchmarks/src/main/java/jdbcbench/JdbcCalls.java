package jdbcbench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two clean paths the agent sits on most: a point select on a prepared statement the
 * application holds, and the prepare/execute/read/close churn of code that does not hold one.
 * {@link JdbcCallsTwoThreads} runs the same code on two threads at once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JdbcCalls {

    @Benchmark
    public int pointSelect(HeldConnection h) throws SQLException {
        return pointSelect(h.pointSelect, h.nextId());
    }

    @Benchmark
    public int statementChurn(HeldConnection h) throws SQLException {
        return statementChurn(h.connection, h.nextId());
    }

    static int pointSelect(PreparedStatement p, int id) throws SQLException {
        p.setInt(1, id);
        try (ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static int statementChurn(Connection c, int id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(Tables.POINT_SELECT)) {
            p.setInt(1, id);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
