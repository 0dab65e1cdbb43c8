package jdbcbench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one table every benchmark reads: {@code ROWS} rows keyed 1..ROWS, looked up by primary key.
 *
 * <p>The package is deliberately not {@code io.connguard.*}: the agent skips its own packages, and
 * the benchmarks must be seen as the application they stand for.
 */
final class Tables {
    static final int ROWS = 1000;
    static final String POINT_SELECT = "SELECT v FROM bench WHERE id = ?";
    private static final AtomicInteger NAMES = new AtomicInteger();

    private Tables() {}

    /**
     * A private in-memory database per call: threads of a multi-threaded benchmark must not meet
     * inside the database, or its locks, not the agent, would be what is measured.
     */
    static String inMemoryUrl(String db) {
        int n = NAMES.incrementAndGet();
        switch (db) {
            case "sqlite": return "jdbc:sqlite::memory:";
            case "h2": return "jdbc:h2:mem:bench" + n;
            default: throw new IllegalArgumentException("db must be sqlite or h2, not " + db);
        }
    }

    /** One in-memory database that several connections (a pool's) share. */
    static String sharedInMemoryUrl(String db) {
        int n = NAMES.incrementAndGet();
        switch (db) {
            case "sqlite": return "jdbc:sqlite:file:bench" + n + "?mode=memory&cache=shared";
            case "h2": return "jdbc:h2:mem:bench" + n + ";DB_CLOSE_DELAY=-1";
            default: throw new IllegalArgumentException("db must be sqlite or h2, not " + db);
        }
    }

    static void create(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)");
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " (id, v) VALUES (?, ?)")) {
            for (int id = 1; id <= ROWS; id++) {
                p.setInt(1, id);
                p.setInt(2, id * 7);
                p.addBatch();
            }
            p.executeBatch();
        }
        c.commit();
        c.setAutoCommit(autoCommit);
    }

    static void create(Connection c) throws SQLException {
        create(c, "bench");
    }

    /** The next key to look up: every row in turn, so no result comes from a cache above the driver. */
    static int next(int id) {
        return id == ROWS ? 1 : id + 1;
    }
}
