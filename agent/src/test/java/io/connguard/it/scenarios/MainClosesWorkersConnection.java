package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Thread "opener" opens and uses a connection; main closes it ("close everything" from main). The opener
 * stays alive until main has closed it, so the only story is the wrong-thread close.
 */
public final class MainClosesWorkersConnection {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "wrongclose").createItems(10);
        AtomicReference<Connection> opened = new AtomicReference<>();
        CountDownLatch handedOver = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);

        Threads.Named opener = Threads.start("opener", () -> {
            Connection c = DriverManager.getConnection(db.url);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db.table)) {
                rs.next();
            }
            opened.set(c);
            handedOver.countDown();
            closed.await();
        });
        handedOver.await();
        opened.get().close();
        closed.countDown();
        opener.join();

        db.cleanUp();
        System.out.println("done");
    }
}
