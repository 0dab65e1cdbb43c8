package jdbcbench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A point select over a real network round trip, against the local MariaDB/MySQL
 * ({@code 127.0.0.1:3306}, user root, no password, database {@code test}). {@link AgentComparison}
 * leaves it out when nothing listens there; run directly, its setup fails with that message.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MySqlCalls {
    static final String HOST = "127.0.0.1";
    static final int PORT = 3306;
    static final String URL = "jdbc:mysql://" + HOST + ":" + PORT + "/test?useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=2000";

    @State(Scope.Thread)
    public static class Server {
        Connection connection;
        PreparedStatement pointSelect;
        String table;
        int id;

        @Setup(Level.Trial)
        public void open() throws SQLException {
            try {
                connection = DriverManager.getConnection(URL, "root", "");
            } catch (SQLException e) {
                throw new SQLException("no MySQL/MariaDB at " + HOST + ":" + PORT + " (root, no password, database test): " + e.getMessage(), e);
            }
            table = "connguard_bench_" + ProcessHandle.current().pid();
            Tables.create(connection, table);
            pointSelect = connection.prepareStatement("SELECT v FROM " + table + " WHERE id = ?");
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            pointSelect.close();
            try (Statement s = connection.createStatement()) {
                s.execute("DROP TABLE " + table);
            }
            connection.close();
        }
    }

    @Benchmark
    public int pointSelect(Server s) throws SQLException {
        s.id = Tables.next(s.id);
        return JdbcCalls.pointSelect(s.pointSelect, s.id);
    }

    static boolean reachable() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(HOST, PORT), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
