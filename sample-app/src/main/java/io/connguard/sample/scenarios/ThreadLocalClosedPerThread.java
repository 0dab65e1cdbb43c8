package io.connguard.sample.scenarios;

import io.connguard.sample.Database;
import io.connguard.sample.Scenario;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The fix for {@link ThreadLocalBuggyCloseAll}: the same helper, but each task closes its own
 * thread's connection in {@code finally}, on the thread that opened it. Nothing outlives its owner.
 * connguard: nothing.
 */
public final class ThreadLocalClosedPerThread implements Scenario {

    @Override
    public String name() {
        return "thread-local-closed-per-thread";
    }

    @Override
    public String description() {
        return "the same thread-local helper, each task closing its own thread's connection in finally";
    }

    @Override
    public String expectedFinding() {
        return "nothing";
    }

    @Override
    public void run(Database db) throws Exception {
        ThreadLocalConnection connections = new ThreadLocalConnection(db);
        try (Workers workers = Workers.start(ThreadLocalBuggyCloseAll.THREADS)) {
            workers.runAndWait(2 * ThreadLocalBuggyCloseAll.THREADS, () -> {
                try {
                    return insert(connections.get());
                } finally {
                    connections.closeCurrentThread();
                }
            });
        }
    }

    private static int insert(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO thread_local_closed_per_thread (n) VALUES (?)")) {
            insert.setInt(1, 1);
            return insert.executeUpdate();
        }
    }
}
