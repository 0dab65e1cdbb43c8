package jdbcbench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A connection per benchmark thread, opened by that thread (so it owns it, as an application's
 * request thread owns its connection), with the point-select statement prepared once.
 */
@State(Scope.Thread)
public class HeldConnection {
    @Param({"sqlite", "h2"})
    public String db;

    Connection connection;
    PreparedStatement pointSelect;
    int id;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        connection = DriverManager.getConnection(Tables.inMemoryUrl(db));
        Tables.create(connection);
        pointSelect = connection.prepareStatement(Tables.POINT_SELECT);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        pointSelect.close();
        connection.close();
    }

    int nextId() {
        return id = Tables.next(id);
    }
}
