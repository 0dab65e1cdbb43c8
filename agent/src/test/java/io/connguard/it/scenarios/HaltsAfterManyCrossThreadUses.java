package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Thread "repeat-user" calls createStatement on main's connection 2100 times from one line (one site),
 * then the JVM halts as a SIGKILL would end it: no shutdown hook runs, so the report has no summary.
 */
public final class HaltsAfterManyCrossThreadUses {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "halts");
        Connection conn = DriverManager.getConnection(db.url);
        Threads.run("repeat-user", () -> {
            for (int i = 0; i < 2100; i++) conn.createStatement().close();
        });
        System.out.println("done");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
