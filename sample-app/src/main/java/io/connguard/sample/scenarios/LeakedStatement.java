package io.connguard.sample.scenarios;

import io.connguard.sample.Database;
import io.connguard.sample.Scenario;
import java.sql.Connection;
import java.sql.PreparedStatement;

/**
 * The bug: a prepared statement that is never closed. Closing a plain driver connection closes it
 * implicitly, which hides the mistake; behind a pool or a statement cache the connection is not
 * really closed and the statement stays open for good.
 * connguard: LEAK of the PreparedStatement, detectedBy PARENT_CLOSED.
 */
public final class LeakedStatement implements Scenario {

    @Override
    public String name() {
        return "leaked-statement";
    }

    @Override
    public String description() {
        return "a prepared statement is never closed; only its connection is";
    }

    @Override
    public String expectedFinding() {
        return "LEAK (PARENT_CLOSED) of the PreparedStatement";
    }

    @Override
    public void run(Database db) throws Exception {
        try (Connection connection = db.open()) {
            PreparedStatement insert = connection.prepareStatement("INSERT INTO leaked_statement (n) VALUES (?)");
            insert.setInt(1, 1);
            insert.executeUpdate();
        }
    }
}
