package io.connguard.it.scenarios.eco;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.connguard.it.scenarios.ScenarioDb;

/**
 * Resources used after they were closed, or not: {@code ClosedUses SOURCE URL misuse|reexecuted|released|keys|moreresults|accessor|correct}, SOURCE
 * {@code plain} ({@code DriverManager}), {@code hikari}, {@code dbcp2} or {@code c3p0}; URL a
 * {@code jdbc:} URL, or {@code sqlite} for a new SQLite file.
 *
 * <p>{@code misuse}: {@link #findName} (a DAO) returns a {@code ResultSet} whose statement and
 * connection its try-with-resources closed, and main reads it; then main closes a connection and
 * calls {@code createStatement} on it. Whatever the driver or pool does (throw, mostly) is printed:
 * the application must get the same with and without the agent.
 *
 * <p>{@code reexecuted}: {@link #readsAfterRunningItsStatementAgain} runs a query, runs its statement
 * again, and reads the first result set.
 *
 * <p>{@code released}: {@link #readsWhatItsStatementOrConnectionReleased}. {@code keys} (SQLite
 * only): {@link #readsKeysAfterTheNextQuery}.
 *
 * <p>{@code moreresults}: {@link #readsAfterMovingToTheNextResult} reads the first of two results
 * after {@code getMoreResults()} (PostgreSQL only).
 *
 * <p>{@code accessor}: main reads a column by its label, twice, of the result set {@link #findName}
 * returns (the driver's {@code getString(label)} calls its own {@code findColumn}).
 *
 * <p>{@code correct}: {@code close()} twice, {@code isClosed()}, {@code isValid(1)},
 * {@code isWrapperFor} and {@code unwrap} on closed objects; the same SQL prepared, closed and prepared again on one connection (a statement cache
 * hands the same statement back); a metadata result set read while another is open; and borrowed,
 * returned, borrowed again.
 */
public final class ClosedUses {
    public static void main(String[] args) throws Exception {
        String source = args[0];
        ScenarioDb db = ScenarioDb.fromArgs(new String[] {args[1]}, "closed").createItems(3);
        String sql = "SELECT name FROM " + db.table + " WHERE id = ?";
        DataSource pool = source.equals("plain") ? null : Pools.create(source, db.url, 2, false);
        UncommittedWrites.Opener open = () -> pool == null ? DriverManager.getConnection(db.url) : pool.getConnection();

        if (args[2].equals("misuse")) {
            ResultSet rs = findName(open, sql);
            try {
                System.out.println("read after close: " + rs.next());
            } catch (SQLException e) {
                System.out.println("read after close threw " + e.getClass().getName());
            }
            Connection c = open.connection();
            c.close();
            try {
                c.createStatement().close();
                System.out.println("statement after close: made");
            } catch (SQLException e) {
                System.out.println("statement after close threw " + e.getClass().getName());
            }
        } else if (args[2].equals("reexecuted")) {
            readsAfterRunningItsStatementAgain(open, sql);
        } else if (args[2].equals("released")) {
            readsWhatItsStatementOrConnectionReleased(open, db.table);
        } else if (args[2].equals("keys")) {
            readsKeysAfterTheNextQuery(open, db.table);
        } else if (args[2].equals("moreresults")) {
            readsAfterMovingToTheNextResult(open, db.table);
        } else if (args[2].equals("accessor")) {
            ResultSet rs = findName(open, sql);
            for (int read = 0; read < 2; read++) {
                try {
                    System.out.println("column after close: " + rs.getString("name"));
                } catch (SQLException e) {
                    System.out.println("column after close threw " + e.getClass().getName());
                }
            }
        } else {
            Connection c = open.connection();
            PreparedStatement ps = c.prepareStatement(sql);
            ResultSet rs = query(ps, 1);
            System.out.println("read: " + rs.getString(1));
            rs.close();
            rs.close();
            ps.close();
            ps.close();
            System.out.println("closed: " + rs.isClosed() + " " + ps.isClosed());
            for (int round = 2; round <= 3; round++) {
                try (PreparedStatement again = c.prepareStatement(sql); ResultSet r = query(again, round)) {
                    System.out.println("read again: " + r.getString(1));
                }
            }
            readMetadataInsideMetadata(c, db.table);
            c.close();
            c.close();
            System.out.println("connection closed: " + c.isClosed() + ", valid: " + c.isValid(1));
            try {
                System.out.println("wraps itself: " + c.isWrapperFor(Connection.class) + ", " + (c.unwrap(Connection.class) != null));
            } catch (Exception refused) { // a driver or pool may refuse them, closed (c3p0 throws a NullPointerException)
                System.out.println("unwrap refused: " + refused.getClass().getSimpleName());
            }
            for (int borrow = 0; borrow < 2; borrow++) {
                try (Connection b = open.connection(); PreparedStatement p = b.prepareStatement(sql); ResultSet r = query(p, 1)) {
                    System.out.println("borrowed again: " + r.getString(1));
                }
            }
        }
        if (pool instanceof HikariDataSource) ((HikariDataSource) pool).close();
        else if (pool != null) Pools.close(pool);
        db.cleanUp();
        System.out.println("done");
    }

    /** The bug: the result set outlives the try-with-resources that closes its statement and connection. */
    static ResultSet findName(UncommittedWrites.Opener open, String sql) throws Exception {
        try (Connection c = open.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, 2);
            return ps.executeQuery();
        }
    }

    /** The bug: a result set read after its statement ran again, which closed it (JDBC, {@code Statement}). */
    static void readsAfterRunningItsStatementAgain(UncommittedWrites.Opener open, String sql) throws Exception {
        try (Connection c = open.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ResultSet first = query(ps, 1);
            try (ResultSet second = query(ps, 2)) {
                System.out.println("second: " + second.getString(1));
                try {
                    System.out.println("first after its statement ran again: " + first.next());
                } catch (SQLException e) {
                    System.out.println("first after its statement ran again threw " + e.getClass().getName());
                }
            }
        }
    }

    /**
     * The bugs: two metadata result sets read after their connection closed; a result set read
     * after its statement ran another statement with {@code execute}, which closed it (JDBC,
     * {@code Statement}).
     */
    static void readsWhatItsStatementOrConnectionReleased(UncommittedWrites.Opener open, String table) throws Exception {
        Connection c = open.connection();
        DatabaseMetaData metadata = c.getMetaData();
        ResultSet tableTypes = metadata.getTableTypes();
        ResultSet typeInfo = metadata.getTypeInfo();
        c.close();
        for (ResultSet rs : new ResultSet[] {tableTypes, typeInfo}) {
            try {
                System.out.println("metadata after its connection closed: " + rs.next());
            } catch (SQLException e) {
                System.out.println("metadata after its connection closed threw " + e.getClass().getName());
            }
        }
        try (Connection c2 = open.connection(); java.sql.Statement s = c2.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT name FROM " + table);
            s.execute("SELECT count(*) FROM " + table);
            try {
                System.out.println("result after its statement ran again: " + rs.next());
            } catch (SQLException e) {
                System.out.println("result after its statement ran again threw " + e.getClass().getName());
            }
        }
    }

    /**
     * sqlite-jdbc keeps a statement's generated keys open across its next query: reading them then
     * is the driver's documented behaviour there, no use after close. Then the bug: the keys asked
     * of the statement after its close, which sqlite-jdbc still hands out, and read.
     */
    static void readsKeysAfterTheNextQuery(UncommittedWrites.Opener open, String table) throws Exception {
        try (Connection c = open.connection(); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (9, 'nine')", java.sql.Statement.RETURN_GENERATED_KEYS);
            ResultSet keys = s.getGeneratedKeys();
            try (ResultSet count = s.executeQuery("SELECT count(*) FROM " + table)) {
                count.next();
            }
            System.out.println("key after the next query: " + keys.next());
            keys.close();
            s.close();
            ResultSet late = s.getGeneratedKeys(); // the bug: asked of a closed statement, which still answers
            System.out.println("keys of a closed statement: " + late.next());
        }
    }

    /**
     * The bug: a result set read after {@code getMoreResults()} moved its statement to the next
     * result, which closed it (JDBC, {@code Statement}). Two queries in one {@code execute}, as
     * PostgreSQL runs them.
     */
    static void readsAfterMovingToTheNextResult(UncommittedWrites.Opener open, String table) throws Exception {
        try (Connection c = open.connection(); java.sql.Statement s = c.createStatement()) {
            s.execute("SELECT name FROM " + table + " WHERE id = 1; SELECT name FROM " + table + " WHERE id = 2");
            ResultSet first = s.getResultSet();
            first.next();
            System.out.println("first: " + first.getString(1));
            System.out.println("more: " + s.getMoreResults());
            try (ResultSet second = s.getResultSet()) {
                second.next();
                System.out.println("second: " + second.getString(1));
            }
            try {
                System.out.println("first after the next result: " + first.next());
            } catch (SQLException e) {
                System.out.println("first after the next result threw " + e.getClass().getName());
            }
        }
    }

    /** Two metadata result sets open at once, as schema tools read them: the inner one's close leaves the outer open. */
    static void readMetadataInsideMetadata(Connection c, String table) throws SQLException {
        DatabaseMetaData metadata = c.getMetaData();
        int types = 0;
        try (ResultSet typeInfo = metadata.getTypeInfo()) {
            while (types < 2 && typeInfo.next()) {
                typeInfo.getString("TYPE_NAME");
                try (ResultSet columns = metadata.getColumns(null, null, table, null)) {
                    while (columns.next()) columns.getString("COLUMN_NAME");
                }
                types++;
            }
        }
        System.out.println("metadata read inside metadata: " + types + " types");
    }

    static ResultSet query(PreparedStatement ps, int id) throws SQLException {
        ps.setInt(1, id);
        ResultSet rs = ps.executeQuery();
        rs.next();
        return rs;
    }
}
