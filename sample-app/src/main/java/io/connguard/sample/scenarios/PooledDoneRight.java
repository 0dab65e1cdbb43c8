package io.connguard.sample.scenarios;

import com.zaxxer.hikari.HikariDataSource;
import io.connguard.sample.Database;
import io.connguard.sample.Scenario;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The way to share connections between threads: a pool. Each worker borrows a connection with
 * try-with-resources, uses it on its own thread and gives it back; the pool's own threads open,
 * check and close the physical connections, which is its business, not misuse.
 * connguard: nothing.
 */
public final class PooledDoneRight implements Scenario {
    private static final int THREADS = 4;

    @Override
    public String name() {
        return "pooled-done-right";
    }

    @Override
    public String description() {
        return THREADS + " workers borrow from a HikariCP pool of " + THREADS + " with try-with-resources";
    }

    @Override
    public String expectedFinding() {
        return "nothing";
    }

    @Override
    public void run(Database db) throws Exception {
        try (HikariDataSource pool = db.pool(THREADS); Workers workers = Workers.start(THREADS)) {
            workers.runAndWait(THREADS, () -> {
                for (int n = 1; n <= 5; n++) {
                    insertAndCount(pool, n);
                }
                return null;
            });
        }
    }

    private static int insertAndCount(HikariDataSource pool, int n) throws Exception {
        try (Connection connection = pool.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO pooled_done_right (n) VALUES (?)");
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM pooled_done_right")) {
            insert.setInt(1, n);
            insert.executeUpdate();
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
