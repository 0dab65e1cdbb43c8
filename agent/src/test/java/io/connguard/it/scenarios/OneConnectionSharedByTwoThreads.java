package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Two threads inside one connection's calls at once, exactly once. Thread "slow-query" opens a
 * connection and runs a slow query on it; thread "intruder" calls {@code prepareStatement} on the same
 * connection while the query is running. Everything else the two threads do on that connection is
 * kept strictly apart by latches. The scenario checks the overlap really happened and fails otherwise.
 */
public final class OneConnectionSharedByTwoThreads {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "concurrent").createItems(10);
        AtomicReference<Connection> shared = new AtomicReference<>();
        CountDownLatch queryStarting = new CountDownLatch(1);
        CountDownLatch intruderOut = new CountDownLatch(1);
        CountDownLatch slowDone = new CountDownLatch(1);
        CountDownLatch intruderDone = new CountDownLatch(1);
        AtomicLong queryEnded = new AtomicLong();
        AtomicLong intruderEntered = new AtomicLong();

        Threads.Named slow = Threads.start("slow-query", () -> {
            try (Connection c = DriverManager.getConnection(db.url)) {
                shared.set(c);
                Statement st = c.createStatement();
                queryStarting.countDown();
                ResultSet rs = st.executeQuery(db.slowQuery());
                queryEnded.set(System.nanoTime());
                intruderOut.await(); // the intruder's one overlapping call is over before this thread goes on
                rs.next();
                rs.close();
                st.close();
                slowDone.countDown();
                intruderDone.await(); // the owner closes its connection after the intruder is done with it
            }
        });
        Threads.Named intruder = Threads.start("intruder", () -> {
            try {
                queryStarting.await();
                Thread.sleep(100); // "slow-query" is inside executeQuery by now
                intruderEntered.set(System.nanoTime());
                PreparedStatement ps;
                try {
                    ps = shared.get().prepareStatement("SELECT count(*) FROM " + db.table);
                } finally {
                    intruderOut.countDown();
                }
                slowDone.await();
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
                ps.close();
            } finally {
                intruderDone.countDown();
            }
        });
        slow.join();
        intruder.join();
        if (intruderEntered.get() >= queryEnded.get()) {
            throw new IllegalStateException("no overlap: the slow query ended before the intruder entered; make it slower");
        }
        System.out.println("overlap confirmed: intruder entered "
                + (queryEnded.get() - intruderEntered.get()) / 1_000_000 + " ms before the slow query ended");

        db.cleanUp();
        System.out.println("done");
    }
}
