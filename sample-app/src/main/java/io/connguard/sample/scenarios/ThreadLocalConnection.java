package io.connguard.sample.scenarios;

import io.connguard.sample.Database;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The seed's helper: each thread gets its own connection, opened on its first {@link #get()}.
 * One connection per thread is sound; closing them is where it goes wrong (see {@link #closeAll()}).
 */
final class ThreadLocalConnection {
    private final Database db;
    private final ThreadLocal<Connection> connection = new ThreadLocal<>();

    ThreadLocalConnection(Database db) {
        this.db = db;
    }

    Connection get() throws SQLException {
        Connection current = connection.get();
        if (current == null) {
            current = db.open();
            connection.set(current);
        }
        return current;
    }

    /** Closes the calling thread's connection, if it has one. Right when each thread calls it for itself, in {@code finally}. */
    void closeCurrentThread() throws SQLException {
        Connection current = connection.get();
        if (current != null) {
            connection.remove();
            current.close();
        }
    }

    /**
     * The seed bug. Meant to close every thread's connection, but a {@link ThreadLocal} shows each
     * thread only its own value: called from main, it closes main's connection and no worker's.
     */
    void closeAll() throws SQLException {
        closeCurrentThread();
    }
}
