package io.connguard.it.scenarios;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Main holds a connection while JDBC classes load for the first time: 40 proxy classes
 * implementing {@code Connection}, one per class loader, each of which connguard rewrites as it
 * loads (as it rewrites a driver's classes at the JVM's first JDBC use). Most of that hold is the
 * rewriting, connguard's time; the rest, the application's own, is a small part of it. Prints the
 * hold as the application measured it: "held N ms".
 */
public final class HeldWhileTheAgentRewritesClasses {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "rewrites").createItems(1);
        long held;
        try (Connection conn = DriverManager.getConnection(db.url)) {
            long opened = System.nanoTime();
            for (int i = 0; i < 40; i++) {
                ClassLoader fresh = new ClassLoader(HeldWhileTheAgentRewritesClasses.class.getClassLoader()) { };
                Proxy.newProxyInstance(fresh, new Class<?>[] {Connection.class}, (proxy, method, a) -> null);
            }
            try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db.table)) {
                rs.next();
            }
            held = (System.nanoTime() - opened) / 1_000_000;
        }
        System.out.println("held " + held + " ms");
        db.cleanUp();
        System.out.println("done");
    }
}
