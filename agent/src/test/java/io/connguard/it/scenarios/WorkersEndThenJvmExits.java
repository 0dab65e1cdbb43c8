package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Worker threads that each open a connection and end without closing it; main waits for them to
 * end, sleeps for the given delay and returns, so the JVM exits that long after the workers ended.
 * Arguments: the delay in milliseconds, then the number of workers ("worker-1".."worker-N").
 * Whatever the delay, every connection was left open by a thread that ended.
 */
public final class WorkersEndThenJvmExits {
    public static void main(String[] args) throws Exception {
        long delayMillis = Long.parseLong(args[0]);
        int workers = Integer.parseInt(args[1]);
        ScenarioDb db = ScenarioDb.fromArgs(args, "ended").createItems(1);
        List<Threads.Named> started = new ArrayList<>();
        for (int i = 1; i <= workers; i++) {
            started.add(Threads.start("worker-" + i, () -> leaveOpen(db.url)));
        }
        for (Threads.Named t : started) t.join();
        Threads.sleep(delayMillis);
        System.out.println("done");
    }

    static void leaveOpen(String url) throws Exception {
        Connection c = DriverManager.getConnection(url);
        c.createStatement().close();
    }
}
