package io.connguard.report;

import io.connguard.runtime.Finding;
import io.connguard.runtime.ThreadInfo;

/** Findings as the runtime would make them, for the report tests and the report command's round trip. */
public final class Findings {
    private Findings() {}

    public static final ThreadInfo MAIN = new ThreadInfo("main", 1, false);
    public static final ThreadInfo WORKER = new ThreadInfo("pool-1-thread-2", 23, false);
    public static final ThreadInfo OTHER = new ThreadInfo("pool-1-thread-1", 22, true);
    public static final String CONNECTION = "org.sqlite.jdbc4.JDBC4Connection";

    public static StackTraceElement frame(String cls, String method, int line) {
        return new StackTraceElement(cls, method, cls.substring(cls.lastIndexOf('.') + 1) + ".java", line);
    }

    public static StackTraceElement[] stack(StackTraceElement... frames) {
        return frames;
    }

    public static final StackTraceElement[] OPENED = stack(frame("com.example.Orders", "load", 42), frame("com.example.Main", "main", 10));
    public static final StackTraceElement[] USED = stack(frame("com.example.Orders", "lambda$save$0", 57));

    public static Finding crossThread(StackTraceElement[] createdAt, StackTraceElement[] actedAt, String url, String sql) {
        return new Finding(Finding.CROSS_THREAD_USE, null, "Connection", CONNECTION, 3, 3, MAIN, WORKER,
                "prepareStatement", createdAt, actedAt, null, null, url, sql, null, null);
    }

    public static Finding leak(String detectedBy, ThreadInfo actor, StackTraceElement[] actedAt) {
        return new Finding(Finding.LEAK, detectedBy, "Connection", CONNECTION, 5, 5, MAIN, actor, null,
                OPENED, actedAt, null, null, "jdbc:sqlite:/tmp/x.db", null, null, null);
    }
}
