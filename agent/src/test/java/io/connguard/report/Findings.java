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
        return Finding.builder(Finding.CROSS_THREAD_USE).resource("Connection").resourceClass(CONNECTION).resourceId(3)
                .connectionId(3).owner(MAIN).actor(WORKER).method("prepareStatement").createdAt(createdAt).actedAt(actedAt)
                .url(url).sql(sql).build();
    }

    public static Finding leak(String detectedBy, ThreadInfo actor, StackTraceElement[] actedAt) {
        return Finding.builder(Finding.LEAK).detectedBy(detectedBy).resource("Connection").resourceClass(CONNECTION)
                .resourceId(5).connectionId(5).owner(MAIN).actor(actor).createdAt(OPENED).actedAt(actedAt)
                .url("jdbc:sqlite:/tmp/x.db").build();
    }
}
