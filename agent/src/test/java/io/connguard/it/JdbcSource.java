package io.connguard.it;

/**
 * Where a scenario's connections come from: {@code DriverManager} ({@code plain}) or a pool, over
 * SQLite or H2 (embedded), MariaDB (through Connector/J) or PostgreSQL (through pgjdbc) on the local
 * servers, whose tests are skipped when the server is unreachable and fail then on CI.
 */
enum JdbcSource {
    SQLITE("plain", "sqlite"),
    MARIADB("plain", "mariadb"),
    POSTGRESQL("plain", "postgresql"),
    H2("plain", "h2"),
    HIKARI_SQLITE("hikari", "sqlite"),
    HIKARI_H2("hikari", "h2"),
    DBCP2_H2("dbcp2", "h2"),
    DBCP2_MARIADB("dbcp2", "mariadb"),
    DBCP2_POSTGRESQL("dbcp2", "postgresql"),
    C3P0_POSTGRESQL("c3p0", "postgresql"),
    /** Pools keeping their connections in {@code autoCommit=false}, and a data source of the application's own that switches it off. */
    HIKARI_MANUAL_H2("hikari-manual", "h2"),
    HIKARI_MANUAL_MARIADB("hikari-manual", "mariadb"),
    /** HikariCP built by its setters (as Spring Boot does), which opens its first connection inside the first borrow. */
    HIKARI_LAZY_MANUAL_H2("hikari-lazy-manual", "h2"),
    HIKARI_LAZY_MARIADB("hikari-lazy", "mariadb"),
    DBCP2_MANUAL_H2("dbcp2-manual", "h2"),
    DBCP2_MANUAL_MARIADB("dbcp2-manual", "mariadb"),
    DBCP2_MANUAL_POSTGRESQL("dbcp2-manual", "postgresql"),
    VIBUR_MANUAL_H2("vibur-manual", "h2"),
    DRUID_MANUAL_H2("druid-manual", "h2"),
    OWN_MANUAL_H2("own-manual", "h2"),
    /** DBCP2 lending a connection in the auto-commit mode its last borrow left. */
    DBCP2_KEEP_MODE_H2("dbcp2-keep-mode", "h2"),
    /** Pools committing what a connection handed back left open. */
    DBCP2_COMMIT_ON_RETURN_H2("dbcp2-commit-on-return", "h2"),
    DBCP2_COMMIT_ON_RETURN_MARIADB("dbcp2-commit-on-return", "mariadb"),
    C3P0_COMMIT_ON_RETURN_POSTGRESQL("c3p0-commit-on-return", "postgresql"),
    TOMCAT_COMMIT_ON_RETURN_H2("tomcat-commit-on-return", "h2"),
    /** HikariCP in {@code autoCommit=false} behind the application's own wrapping data source. */
    WRAPPED_HIKARI_MANUAL_H2("wrapped-hikari-manual", "h2"),
    /** HikariCP given Connector/J's data source, no URL. */
    HIKARI_DATASOURCE_MARIADB("hikari-datasource", "mariadb"),
    /** H2's own pool, whose handles come from a {@code PooledConnection} and know no URL. */
    H2POOL_H2("h2pool", "h2");

    /** The scenario's first argument: {@code plain} or a pool's name ({@code Pools.create}). */
    final String source;
    private final String database;

    JdbcSource(String source, String database) {
        this.source = source;
        this.database = database;
    }

    /** The scenario's second argument: {@code sqlite} (a new SQLite file), the server's URL, or an in-memory H2 database called {@code name}. */
    String database(String name) {
        switch (database) {
            case "mariadb":
                Mysql.assumeReachable();
                return Mysql.URL;
            case "postgresql":
                Postgres.assumeReachable();
                return Postgres.URL;
            case "h2":
                return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
            default:
                return "sqlite";
        }
    }
}
