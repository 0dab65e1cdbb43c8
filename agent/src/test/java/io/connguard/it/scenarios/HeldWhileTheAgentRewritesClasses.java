package io.connguard.it.scenarios;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Main holds a connection, queries with it for 150 ms of its own, then JDBC classes load for the
 * first time: sqlite-jdbc's metadata class (some 180 JDBC methods, each with a whole hook) defined
 * from its bytes in fresh class loaders, each copy of which connguard rewrites as it is defined (as
 * it rewrites a driver's classes at the JVM's first JDBC use), until the hold has lasted 1 s. Defining a class the JVM
 * does not link yet is cheap; rewriting it is connguard's time, most of the second part. Prints the
 * hold as the application measured it: "held N ms".
 */
public final class HeldWhileTheAgentRewritesClasses {
    private static final String METADATA = "org.sqlite.jdbc3.JDBC3DatabaseMetaData";

    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "rewrites").createItems(1);
        byte[] bytes;
        try (InputStream in = ClassLoader.getSystemResourceAsStream(METADATA.replace('.', '/') + ".class")) {
            bytes = in.readAllBytes();
        }
        long held;
        try (Connection conn = DriverManager.getConnection(db.url)) {
            long opened = System.nanoTime();
            while (millisSince(opened) < 150) {
                try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db.table)) {
                    rs.next();
                }
            }
            for (int copies = 0; copies < 40 || millisSince(opened) < 1000; copies++) new Definer().define(METADATA, bytes);
            held = millisSince(opened);
        }
        System.out.println("held " + held + " ms");
        db.cleanUp();
        System.out.println("done");
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** A fresh loader for one more copy of the class; its superclasses come from the parent. */
    private static final class Definer extends ClassLoader {
        Definer() {
            super(HeldWhileTheAgentRewritesClasses.class.getClassLoader());
        }

        void define(String name, byte[] bytes) {
            defineClass(name, bytes, 0, bytes.length);
        }
    }
}
