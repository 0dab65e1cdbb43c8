package com.example.naivepool;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import com.example.datasource.PlainDataSource;

/**
 * A pool connguard does not know (named to it with {@code pools=com.example.naivepool}) that hands
 * out its physical connections as they are, without a proxy: thread "naive-pool-filler" opens them
 * and ends; {@link #release} takes one back; {@link #close} closes them all. Outside
 * {@code io.connguard}, like any third-party pool, so that the agent instruments it.
 */
public final class NaivePool extends PlainDataSource {
    private final List<Connection> all = new ArrayList<>();
    private final BlockingQueue<Connection> idle;

    public NaivePool(String url, int size) throws Exception {
        idle = new ArrayBlockingQueue<>(size);
        Thread filler = new Thread(new Filler(url, size), "naive-pool-filler");
        filler.start();
        filler.join();
    }

    /** Opens the connections on a thread of the pool's, which ends. */
    private final class Filler implements Runnable {
        private final String url;
        private final int size;

        Filler(String url, int size) {
            this.url = url;
            this.size = size;
        }

        @Override
        public void run() {
            try {
                for (int i = 0; i < size; i++) {
                    Connection c = DriverManager.getConnection(url);
                    all.add(c);
                    idle.add(c);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = idle.poll();
        if (c == null) throw new SQLException("pool exhausted");
        return c;
    }

    public void release(Connection c) {
        idle.add(c);
    }

    public void close() throws SQLException {
        for (Connection c : all) c.close();
    }
}
