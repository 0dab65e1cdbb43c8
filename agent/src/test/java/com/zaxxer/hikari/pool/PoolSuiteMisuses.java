package com.zaxxer.hikari.pool;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.connguard.it.scenarios.ScenarioDb;

/**
 * A pool's own test suite in miniature (HikariCP's and DBCP's live in the pool's own package,
 * with their JDBC stubs beside them): a test, inherited from its base class, that borrows a
 * second connection while it holds one and returns neither.
 */
public class PoolSuiteMisuses extends PoolSuiteBase {
    static Connection first, second; // never returned

    @Override
    void borrowTwice() throws Exception {
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
