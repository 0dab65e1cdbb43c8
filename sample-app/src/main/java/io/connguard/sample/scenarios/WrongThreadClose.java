package io.connguard.sample.scenarios;

import io.connguard.sample.Database;
import io.connguard.sample.Scenario;
import java.sql.Connection;
import java.sql.PreparedStatement;

/**
 * The bug: a worker opens a connection, uses it and hands it back to main, which closes it.
 * The worker is still alive, so this is no leak; but the close runs on a thread that never owned
 * the connection, the "main cleans up after the workers" pattern that breaks with real pools.
 * connguard: WRONG_THREAD_CLOSE of the Connection, at main's {@code close}.
 */
public final class WrongThreadClose implements Scenario {

    @Override
    public String name() {
        return "wrong-thread-close";
    }

    @Override
    public String description() {
        return "a worker opens and uses a connection, main closes it";
    }

    @Override
    public String expectedFinding() {
        return "WRONG_THREAD_CLOSE of the Connection";
    }

    @Override
    public void run(Database db) throws Exception {
        try (Workers worker = Workers.start(1)) {
            Connection connection = worker.submit(() -> openAndInsert(db)).get();
            connection.close();
        }
    }

    private static Connection openAndInsert(Database db) throws Exception {
        Connection connection = db.open();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO wrong_thread_close (n) VALUES (?)")) {
            insert.setInt(1, 1);
            insert.executeUpdate();
        }
        return connection;
    }
}
