package io.connguard.sample.scenarios;

import io.connguard.sample.Database;
import io.connguard.sample.Scenario;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The seed bug: three workers each get their own connection from a {@link ThreadLocalConnection}
 * and reuse it across tasks; when the work is done, main calls {@link ThreadLocalConnection#closeAll()},
 * which only sees main's (empty) slot. The workers end with their connections still open.
 * connguard: a LEAK of each worker's Connection, detectedBy OWNER_THREAD_ENDED.
 */
public final class ThreadLocalBuggyCloseAll implements Scenario {
    static final int THREADS = 3;

    @Override
    public String name() {
        return "thread-local-buggy-close-all";
    }

    @Override
    public String description() {
        return "each worker has a thread-local connection; closeAll() on main closes none of them";
    }

    @Override
    public String expectedFinding() {
        return "LEAK (OWNER_THREAD_ENDED) of each worker's Connection, " + THREADS + " in all";
    }

    @Override
    public void run(Database db) throws Exception {
        ThreadLocalConnection connections = new ThreadLocalConnection(db);
        try (Workers workers = Workers.start(THREADS)) {
            workers.runAndWait(2 * THREADS, () -> insert(connections.get()));
        }
        connections.closeAll();
    }

    private static int insert(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO thread_local_buggy_close_all (n) VALUES (?)")) {
            insert.setInt(1, 1);
            return insert.executeUpdate();
        }
    }
}
