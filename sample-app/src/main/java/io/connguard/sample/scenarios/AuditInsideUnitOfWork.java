package io.connguard.sample.scenarios;

import com.zaxxer.hikari.HikariDataSource;
import io.connguard.sample.Database;
import io.connguard.sample.Scenario;
import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;

/**
 * Pool-locking: a unit of work holds a connection from the pool, and the audit logger it calls
 * borrows its own from the same pool. One thread at a time gets by; with a pool of N connections
 * and N such threads, each waits for ever for its second connection. connguard: {@code NESTED_ACQUIRE}
 * naming the pool, with the unit of work's borrow and the audit's.
 */
public final class AuditInsideUnitOfWork implements Scenario {

    @Override
    public String name() {
        return "audit-inside-unit-of-work";
    }

    @Override
    public String description() {
        return "holding a pooled connection, an audit logger borrows a second one from the same pool";
    }

    @Override
    public String expectedFinding() {
        return "NESTED_ACQUIRE of the Connection, naming the pool and both borrows";
    }

    @Override
    public void run(Database db) throws Exception {
        try (HikariDataSource pool = db.pool(2)) {
            try (Connection work = pool.getConnection();
                 PreparedStatement insert = work.prepareStatement("INSERT INTO audit_inside_unit_of_work (n) VALUES (?)")) {
                insert.setInt(1, 1);
                insert.executeUpdate();
                audit(pool, 2);
            }
        }
    }

    private static void audit(DataSource pool, int n) throws Exception {
        try (Connection own = pool.getConnection();
             PreparedStatement insert = own.prepareStatement("INSERT INTO audit_inside_unit_of_work (n) VALUES (?)")) {
            insert.setInt(1, n);
            insert.executeUpdate();
        }
    }
}
