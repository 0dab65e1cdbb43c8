package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import com.example.lendinclose.LendsItsConnectionInClose;

/**
 * A pool that lends one connection object, which its {@code close()} gives back (MariaDB
 * Connector/J's pool lends its physical connection so): the close puts the connection in the idle
 * queue and then goes on with its own work, during which the pool lends it to the next borrower.
 * Here that work waits until the borrower has used it; the connection is H2's, whose
 * {@code close()} the pool's subclass overrides. Thread "returner" borrows, queries and closes;
 * thread "borrower" borrows while "returner" is still inside that close, queries, and after the
 * close returned queries again and returns it. Correct use: silent. Over in-memory H2.
 */
public final class ConnectionLentAgainInsideItsClose {
    public static void main(String[] args) throws Exception {
        LendsItsConnectionInClose pool = new LendsItsConnectionInClose("jdbc:h2:mem:lentagain");
        Threads.Named returner = Threads.start("returner", () -> {
            try (Connection c = pool.getConnection()) {
                System.out.println("returner: " + query(c));
            }
        });
        Threads.Named borrower = Threads.start("borrower", () -> {
            if (!pool.insideClose.await(20, TimeUnit.SECONDS)) throw new IllegalStateException("no close began");
            try (Connection c = pool.getConnection()) {
                System.out.println("borrower, during the close: " + query(c));
                pool.borrowerUsedIt.countDown();
                returner.join();
                System.out.println("borrower, after it: " + query(c));
            }
        });
        borrower.join();
        returner.join();
        pool.shutdown();
        System.out.println("done");
    }

    static int query(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ?")) {
            ps.setInt(1, 7);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
