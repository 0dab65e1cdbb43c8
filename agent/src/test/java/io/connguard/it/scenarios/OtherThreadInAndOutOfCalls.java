package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Thread "sharer" calls main's connection in a loop, spending most of its time between calls;
 * meanwhile main calls it from twenty different lines for three seconds. Each such line is a CONCURRENT_USE of its own; the sharer's stack shown with it
 * must be inside its JDBC call ({@code isReadOnly}), never in the work between calls.
 */
public final class OtherThreadInAndOutOfCalls {
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "inout").createItems(1);
        Connection conn = DriverManager.getConnection(db.url);
        AtomicBoolean done = new AtomicBoolean();
        Threads.Named sharer = Threads.start("sharer", () -> {
            while (!done.get()) {
                conn.isReadOnly();
                busyOutsideJdbc();
            }
        });
        long until = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < until) {
            conn.getAutoCommit();
            conn.getHoldability();
            conn.getAutoCommit();
            conn.getHoldability();
            conn.getAutoCommit();
            conn.getHoldability();
            conn.getAutoCommit();
            conn.getHoldability();
            conn.getAutoCommit();
            conn.getHoldability();
            conn.getAutoCommit();
            conn.getHoldability();
            conn.getAutoCommit();
            conn.getHoldability();
            conn.getAutoCommit();
            conn.getHoldability();
            conn.getAutoCommit();
            conn.getHoldability();
            conn.getAutoCommit();
            conn.getHoldability();
        }
        done.set(true);
        sharer.join();
        conn.close();
        db.cleanUp();
        System.out.println("done");
    }

    static void busyOutsideJdbc() {
        long x = 0;
        for (int i = 0; i < 20_000; i++) x += i * 31L;
        sink = x;
    }
}
