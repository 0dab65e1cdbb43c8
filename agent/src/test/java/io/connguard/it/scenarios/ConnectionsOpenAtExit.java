package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * Two connections still open when the JVM exits: main's own (main returns, the JVM exits: that is exit,
 * not the owner thread ending) and one held by the daemon thread "daemon-holder", alive until the end.
 */
public final class ConnectionsOpenAtExit {
    static Connection mainConnection; // reachable until the end: found at exit, not by GC

    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "exitleak").createItems(10);

        mainConnection = DriverManager.getConnection(db.url);
        try (Statement s = mainConnection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db.table)) {
            rs.next();
        }

        CountDownLatch holding = new CountDownLatch(1);
        Threads.startDaemon("daemon-holder", () -> {
            Connection held = DriverManager.getConnection(db.url);
            try (Statement s = held.createStatement(); ResultSet rs = s.executeQuery("SELECT max(id) FROM " + db.table)) {
                rs.next();
            }
            holding.countDown();
            Thread.sleep(Long.MAX_VALUE);
            held.close();
        });
        holding.await();

        if (db.isMysql()) db.cleanUp(); // the SQLite file stays in the run directory; its connections are still open
        System.out.println("done");
    }
}
