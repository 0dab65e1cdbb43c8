package io.connguard.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A real misuse, the kind connguard exists for: the test opens a connection and hands it to an
 * executor's thread. SQLite happens to cope, so the test passes; the report says what is wrong.
 */
class SharedConnectionTest {

    @Test
    void countsRowsOnAWorkerThread() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER)");
                s.execute("INSERT INTO orders (total) VALUES (10), (20)");
            }
            // the connection belongs to this thread; using it on the pool's thread is CROSS_THREAD_USE
            Future<Integer> count = pool.submit(() -> {
                try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(2, count.get());
        } finally {
            pool.shutdown();
        }
    }
}
