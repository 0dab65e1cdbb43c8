package io.connguard.it.scenarios;

import io.connguard.options.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Two connections from one line (run with {@code leakThreshold=300ms}): main holds the first until
 * connguard has reported that line's connections held too long (it reads the report), then closes
 * it; the second is never closed.
 */
public final class SlowHolderAndNeverClosed {
    static Connection neverClosed; // reachable until the end: found at exit

    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "slowholder").createItems(1);
        Connection[] opened = new Connection[2];
        for (int i = 0; i < opened.length; i++) opened[i] = open(db.url); // one line, one site, two connections
        Connection slow = opened[0];
        neverClosed = opened[1];
        Path report = Path.of(System.getProperty(Options.REPORT_FILE_PROPERTY));
        String held = "HELD_TOO_LONG Connection " + SlowHolderAndNeverClosed.class.getName() + ".open";
        Threads.await("connguard to report " + held, 60, () -> Files.readString(report).contains(held));
        slow.close();
        System.out.println("done");
    }

    static Connection open(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }
}
