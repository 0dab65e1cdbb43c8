package com.example.wrapper;

import com.example.datasource.PlainDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A pool of the application's own, unknown to connguard: it opens its physical connections as it
 * is made; {@link #getConnection} lends one inside a {@link TimedConnection}, whose close hands it
 * back; {@link #retire} checks each and closes it, on whatever thread calls it.
 */
public final class TimedPool extends PlainDataSource {
    private final List<Connection> all = new ArrayList<>();
    private final BlockingQueue<Connection> idle;

    public TimedPool(String url, int size) throws SQLException {
        idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            Connection c = DriverManager.getConnection(url);
            all.add(c);
            idle.add(c);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = idle.poll();
        if (c == null) throw new SQLException("pool exhausted");
        return new TimedConnection(this, c);
    }

    void release(Connection physical) {
        idle.add(physical);
    }

    /** Checks each physical connection and closes it. */
    public void retire() throws SQLException {
        for (Connection c : all) {
            if (!c.isValid(1)) throw new SQLException("a physical connection went bad");
            c.close();
        }
    }
}
