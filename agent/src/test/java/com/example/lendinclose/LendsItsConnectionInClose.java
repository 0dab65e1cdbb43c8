package com.example.lendinclose;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.example.datasource.PlainDataSource;
import org.h2.jdbc.JdbcConnection;

/**
 * A pool of one connection, which it lends as it is (as MariaDB Connector/J's pool lends its
 * physical connections): the connection's close gives it back to the idle queue and then does the
 * pool's own work, which here lasts until the next borrower has used it ({@link #borrowerUsedIt}).
 * A pool connguard knows only when {@code pools=com.example.lendinclose} names it. Outside
 * connguard's packages, so that its classes are instrumented as an application's.
 */
public final class LendsItsConnectionInClose extends PlainDataSource {
    public final CountDownLatch insideClose = new CountDownLatch(1);
    public final CountDownLatch borrowerUsedIt = new CountDownLatch(1);
    private final BlockingQueue<Connection> idle = new LinkedBlockingQueue<>();
    private final String url;
    private Lent physical;

    public LendsItsConnectionInClose(String url) {
        this.url = url;
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        if (physical == null) {
            physical = new Lent(url, this);
            idle.add(physical);
        }
        try {
            Connection c = idle.poll(20, TimeUnit.SECONDS);
            if (c == null) throw new SQLException("no connection within 20 s");
            return c;
        } catch (InterruptedException e) {
            throw new SQLException(e);
        }
    }

    /** The connection's close: back to the idle queue, then the pool's own work, which lasts until the next borrower used it. */
    void giveBack(Connection lent) throws SQLException {
        idle.add(lent);
        insideClose.countDown();
        try {
            if (!borrowerUsedIt.await(20, TimeUnit.SECONDS)) throw new SQLException("nobody borrowed it");
        } catch (InterruptedException e) {
            throw new SQLException(e);
        }
    }

    public void shutdown() throws SQLException {
        physical.reallyClose();
    }

    /** H2's connection, whose close gives it back to the pool. */
    static final class Lent extends JdbcConnection {
        private final LendsItsConnectionInClose pool;

        Lent(String url, LendsItsConnectionInClose pool) throws SQLException {
            super(url, new Properties(), null, null, false);
            this.pool = pool;
        }

        @Override
        public void close() throws SQLException {
            pool.giveBack(this);
        }

        void reallyClose() throws SQLException {
            super.close();
        }
    }
}
