package io.connguard.sample.scenarios;

import io.connguard.sample.Database;
import io.connguard.sample.Scenario;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The bug: main opens a connection and hands it to a background task. The two threads never use it
 * at the same time (main waits for the task), so nothing fails today; but the connection belongs
 * to main, and JDBC promises nothing about a connection used from a thread that did not open it.
 * connguard: CROSS_THREAD_USE of the Connection, at the worker's {@code prepareStatement}.
 */
public final class SharedConnectionAcrossThreads implements Scenario {

    @Override
    public String name() {
        return "shared-connection";
    }

    @Override
    public String description() {
        return "a connection opened on main is used by a worker thread after main is done with it";
    }

    @Override
    public String expectedFinding() {
        return "CROSS_THREAD_USE of the Connection";
    }

    @Override
    public void run(Database db) throws Exception {
        try (Workers worker = Workers.start(1); Connection connection = db.open()) {
            insert(connection, 1);
            worker.submit(() -> insert(connection, 2)).get();
        }
    }

    private static int insert(Connection connection, int n) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO shared_connection (n) VALUES (?)")) {
            insert.setInt(1, n);
            return insert.executeUpdate();
        }
    }
}
