package io.connguard.sample;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/** The database the scenarios run on: an SQLite file in the temp directory, or whatever {@code --url} names. */
public final class Database {
    private static final Pattern USER_INFO = Pattern.compile("//[^/?#]*@");
    private static final Pattern CREDENTIAL_PARAMETER = Pattern.compile("(?i)(?<=[?&;])(user|password\\d?)=[^&;]*[&;]?");

    private final String url;
    private final String user;
    private final String password;
    private final boolean sqlite;

    public Database(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.sqlite = url.startsWith("jdbc:sqlite:");
    }

    /** A fresh {@code connguard-sample.db} in the system temp directory. */
    public static Database sqliteInTempDir() throws IOException {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "connguard-sample.db").toAbsolutePath();
        Files.deleteIfExists(file);
        return new Database("jdbc:sqlite:" + file, null, null);
    }

    public Connection open() throws SQLException {
        return DriverManager.getConnection(url, driverProperties());
    }

    public HikariDataSource pool(int maximumPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setDataSourceProperties(driverProperties());
        config.setMaximumPoolSize(maximumPoolSize);
        return new HikariDataSource(config);
    }

    /** A query that keeps its thread inside {@code executeQuery} for a second or two. */
    public String slowQuery() {
        return sqlite
                ? "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) SELECT count(*) FROM n"
                : "SELECT SLEEP(2)";
    }

    public void createTable(String table) throws SQLException {
        execute("DROP TABLE IF EXISTS " + table);
        execute("CREATE TABLE " + table + " (n INTEGER NOT NULL)");
    }

    public void dropTable(String table) throws SQLException {
        execute("DROP TABLE " + table);
    }

    /** The URL without user-info and without user or password parameters: safe to print. */
    public String safeUrl() {
        String withoutUserInfo = USER_INFO.matcher(url).replaceFirst("//");
        return CREDENTIAL_PARAMETER.matcher(withoutUserInfo).replaceAll("").replaceFirst("[?&;]$", "");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Properties driverProperties() {
        Properties properties = new Properties();
        if (user != null) properties.setProperty("user", user);
        if (password != null) properties.setProperty("password", password);
        // threads writing through their own connections wait for each other's locks instead of failing with SQLITE_BUSY
        if (sqlite) properties.setProperty("busy_timeout", "10000");
        return properties;
    }
}
