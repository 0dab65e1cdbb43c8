package io.connguard.it.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The database a scenario works on: by default a fresh SQLite file in a temporary directory under the
 * working directory; a {@code jdbc:} URL among the arguments (the MySQL variants) instead. Each scenario
 * gets its own table, {@code items(id, name)}, and removes it (or its file) at the end.
 *
 * <p>Scenarios open the connections their story is about themselves, so that the first frame of every
 * stack the agent reports is in the scenario class; this class only sets up and cleans up, on the
 * calling thread, with connections it closes.
 */
public final class ScenarioDb {
    public final String url;
    public final String table;
    private final Path dir;

    private ScenarioDb(String url, String table, Path dir) {
        this.url = url;
        this.table = table;
        this.dir = dir;
    }

    /** The {@code jdbc:} URL among {@code args}, or a new SQLite file. */
    public static ScenarioDb fromArgs(String[] args, String name) throws IOException {
        for (String arg : args) {
            if (arg.startsWith("jdbc:")) {
                return new ScenarioDb(arg, "cg_" + name + "_" + ProcessHandle.current().pid(), null);
            }
        }
        return sqlite(name, "");
    }

    /** A new SQLite file; {@code params} (without '?') are appended to the URL. */
    public static ScenarioDb sqlite(String name, String params) throws IOException {
        Path dir = Files.createTempDirectory(Path.of("").toAbsolutePath(), "db-" + name + "-");
        Path file = dir.resolve(name + ".db");
        // several threads open their own connections to the file: wait for a lock rather than fail
        String url = "jdbc:sqlite:" + file + "?busy_timeout=10000" + (params.isEmpty() ? "" : "&" + params);
        return new ScenarioDb(url, "items", dir);
    }

    public boolean isSqlite() {
        return url.startsWith("jdbc:sqlite:");
    }

    public boolean isMysql() {
        return url.startsWith("jdbc:mysql:");
    }

    /** Path of the SQLite file, for data sources configured by file name. */
    public String sqliteFile() {
        String rest = url.substring("jdbc:sqlite:".length());
        int q = rest.indexOf('?');
        return q < 0 ? rest : rest.substring(0, q);
    }

    /** Creates {@code items} with {@code rows} rows. */
    public ScenarioDb createItems(int rows) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DROP TABLE IF EXISTS " + table);
                s.executeUpdate("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(64))");
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, name) VALUES (?, ?)")) {
                for (int i = 1; i <= rows; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "item " + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
        }
        return this;
    }

    /** A query that keeps the database busy for a while (about half a second on SQLite). */
    public String slowQuery() {
        return isMysql()
                ? "SELECT SLEEP(3)"
                : "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1200000) SELECT sum(x) FROM c";
    }

    /** Drops the table (MySQL) or deletes the SQLite file and its directory. */
    public void cleanUp() throws SQLException, IOException {
        if (dir == null) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.executeUpdate("DROP TABLE IF EXISTS " + table);
            }
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
