package io.connguard.report;

import io.connguard.runtime.Finding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.simple.SimpleLogger;

/** The findings as a developer reads them in the console: one block each, stacks included. */
final class HumanLog {
    private static final int FRAMES = 12;
    private static final String INDENT = "      ";

    private final Logger log;

    HumanLog() {
        // our (relocated) slf4j-simple: a bare message on stderr, untouched by the application's logging
        defaultProperty(SimpleLogger.SHOW_THREAD_NAME_KEY, "false");
        defaultProperty(SimpleLogger.SHOW_LOG_NAME_KEY, "false");
        defaultProperty(SimpleLogger.SHOW_DATE_TIME_KEY, "false");
        defaultProperty(SimpleLogger.LOG_FILE_KEY, "System.err");
        this.log = LoggerFactory.getLogger("connguard");
    }

    Logger logger() {
        return log;
    }

    void finding(Finding f, String url, String sql) {
        StringBuilder b = new StringBuilder("connguard ").append(f.kind);
        if (f.detectedBy != null) b.append(" (").append(f.detectedBy).append(')');
        b.append(' ').append(f.resource).append(' ').append(f.resourceClass).append('#').append(f.resourceId);
        if (url != null) b.append(" (").append(url).append(')');
        b.append("\n  owned by ").append(f.owner).append(", opened");
        if (f.createdInTest != null) b.append(" in test ").append(f.createdInTest);
        b.append(" at");
        frames(b, f.createdAt);
        if (Finding.LEAK.equals(f.kind)) {
            b.append("\n  ").append(leakDetail(f));
            if (f.actedAt != null) frames(b, f.actedAt);
        } else {
            b.append(Finding.WRONG_THREAD_CLOSE.equals(f.kind) ? "\n  closed by " : "\n  used by ").append(f.actor)
             .append(" in ").append(f.method);
            if (sql != null) b.append("(\"").append(sql).append("\")");
            if (f.test != null) b.append(" during test ").append(f.test);
            frames(b, f.actedAt);
            if (f.otherActor != null) {
                b.append("\n  while ").append(f.otherActor).append(" was inside a call on the same connection");
                if (f.otherActedAt != null) frames(b, f.otherActedAt);
            }
        }
        if (sql != null && Finding.LEAK.equals(f.kind)) b.append("\n  sql: ").append(sql);
        log.warn(b.toString());
    }

    private static String leakDetail(Finding f) {
        switch (f.detectedBy) {
            case Finding.GC: return "unreachable while still open (found by GC)";
            case Finding.OWNER_THREAD_ENDED: return "never closed; its owner thread ended";
            case Finding.EXIT: return "still open at exit";
            case Finding.PARENT_CLOSED: return "still open when its connection was closed by " + f.actor + " at";
            case Finding.HELD_TOO_LONG: return "open longer than the leakThreshold, not closed yet";
            default: return "never closed";
        }
    }

    private static void frames(StringBuilder b, StackTraceElement[] frames) {
        if (frames == null) return;
        for (int i = 0; i < frames.length && i < FRAMES; i++) b.append('\n').append(INDENT).append(Frames.format(frames[i]));
        if (frames.length > FRAMES) b.append('\n').append(INDENT).append("...");
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
