package com.zaxxer.hikari.pool;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;

import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.connguard.it.scenarios.ScenarioDb;

/**
 * A pool's own test suite in miniature (HikariCP's lives in its own package, with its JDBC stubs
 * beside it): a test that borrows a second connection while it holds one and returns neither.
 */
public class PoolSuiteMisuses {
    static Connection first, second; // never returned

    @Test
    void borrowsTwiceAndReturnsNeither() throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(new String[0], "poolsuite").createItems(3);
        HikariConfig config = new HikariConfig();
        config.setDataSource(new StubSqliteDataSource(db.url));
        config.setMaximumPoolSize(3);
        HikariDataSource pool = new HikariDataSource(config);
        first = pool.getConnection();
        second = pool.getConnection();
        assertNotNull(second);
        db.cleanUp();
    }
}
