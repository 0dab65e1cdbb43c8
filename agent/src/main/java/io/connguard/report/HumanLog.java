package io.connguard.report;

import java.io.PrintStream;

import io.connguard.contract.Kind;
import io.connguard.contract.LeakCause;
import io.connguard.contract.Verbs;
import io.connguard.runtime.Finding;
import io.connguard.runtime.ThreadInfo;

/**
 * The report a developer reads: one block per new finding (a new site), WARN; the start line
 * and the exit summary, INFO; each a line (or block) on standard error, prefixed by its level. It
 * writes to {@code System.err} directly, as found at each line (a test runner may replace it), not
 * through a logging library: the application's logging stays untouched and unconfigured by it, and
 * a logger's start-up (some 15 ms of a fresh JVM's, with its class-path search for a settings file)
 * stays out of the agent's.
 */
public final class HumanLog {
    /** FrameFormat shown per stack; the JSON report has all of them. */
    static final int MAX_FRAMES = 12;
    /** Long statements are cut in the log (never in the JSON report): a block must stay readable. */
    static final int MAX_SQL = 1000;
    private static final String INDENT = "\n  ";
    private static final String FRAME_INDENT = "\n      ";

    private final long leakThresholdMillis;

    public HumanLog(long leakThresholdMillis) {
        this.leakThresholdMillis = leakThresholdMillis;
    }

    /** Logs a finding's block. {@code url} and {@code sql} must already be redacted/sanitized (or null). */
    public void finding(Finding f, String url, String sql) {
        print("WARN", format(f, url, sql), null);
    }

    public static void info(String line) {
        print("INFO", line, null);
    }

    public static void error(String line, Throwable t) {
        print("ERROR", line, t);
    }

    /** One line (a block for a finding) and, for an error, the throwable's stack, together: lines of two threads never mix. */
    private static void print(String level, String text, Throwable t) {
        PrintStream err = System.err;
        synchronized (err) {
            err.println(level + " " + text);
            if (t != null) t.printStackTrace(err);
        }
    }

    /** The block, without the logger's level prefix. */
    String format(Finding f, String url, String sql) {
        StringBuilder b = new StringBuilder(512).append("connguard ").append(f.kind);
        boolean leak = Finding.LEAK.equals(f.kind);
        if (leak && f.detectedBy != null) b.append(" (").append(f.detectedBy).append(')');
        b.append(' ').append(f.resource).append(' ').append(f.resourceClass).append('#').append(f.resourceId);
        if (url != null) b.append(" (").append(oneLine(url)).append(')');

        StackTraceElement[] created = FrameFormat.orNone(f.createdAt);
        StackTraceElement[] acted = FrameFormat.orNone(f.actedAt);
        b.append(INDENT).append("owned by ").append(thread(f.owner));
        if (f.connectionCreatedAt != null) {
            // a statement or result set: its own line (by default one frame), then its connection's stack
            if (created.length > 0) {
                b.append(", created at");
                frames(b, created);
                b.append(INDENT).append("its connection");
            } else {
                b.append(INDENT).append("(only its connection's stack is known) its connection");
            }
            opened(b, f, FrameFormat.orNone(f.connectionCreatedAt));
        } else {
            b.append(',');
            opened(b, f, created);
        }

        String shownSql = sql == null ? null : sqlText(sql);
        if (leak) {
            b.append(INDENT).append(leakText(f));
            if (Finding.PARENT_CLOSED.equals(f.detectedBy)) frames(b, acted);
        } else if (Finding.NESTED_ACQUIRE.equals(f.kind)) {
            b.append(INDENT).append("and, still holding it, borrowed another from the same pool ").append(oneLine(f.poolClass));
            if (f.poolName != null) b.append(" \"").append(oneLine(f.poolName)).append('"');
            if (f.test != null) b.append(" during test ").append(f.test);
            b.append(" at");
            frames(b, acted);
            b.append(INDENT).append("once every connection is held by a thread waiting for a second, the pool deadlocks");
        } else if (Finding.TRANSACTION_LEFT_OPEN.equals(f.kind)) {
            b.append(INDENT).append(Verbs.CLOSED_BY).append(' ').append(thread(f.actor)).append(" with uncommitted writes");
            if (f.test != null) b.append(" during test ").append(f.test);
            b.append(" at");
            frames(b, acted);
            if (shownSql != null) b.append(INDENT).append("first uncommitted write: ").append(shownSql);
            shownSql = null;
        } else if (Finding.USE_AFTER_CLOSE.equals(f.kind)) {
            b.append(INDENT).append(Verbs.USED_BY).append(' ').append(thread(f.actor));
            if (f.method != null) b.append(" in ").append(f.method).append("()");
            if (f.test != null) b.append(" during test ").append(f.test);
            b.append(" after it was closed");
            frames(b, acted);
            b.append(INDENT).append(closedText(f));
            frames(b, FrameFormat.orNone(f.closedAt));
        } else if (Finding.WRONG_THREAD_CLOSE.equals(f.kind)) {
            b.append(INDENT).append(Verbs.CLOSED_BY).append(' ').append(thread(f.actor));
            if (f.method != null && !f.method.equals("close")) b.append(" in ").append(f.method).append("()");
            frames(b, acted);
        } else {
            b.append(INDENT).append(Verbs.USED_BY).append(' ').append(thread(f.actor));
            if (f.method != null) {
                b.append(" in ").append(f.method).append('(');
                if (shownSql != null) b.append('"').append(shownSql).append('"');
                b.append(')');
                shownSql = null;
            }
            if (f.test != null) b.append(" during test ").append(f.test);
            frames(b, acted);
            if (Finding.CONCURRENT_USE.equals(f.kind) && f.otherActor != null) {
                StackTraceElement[] other = FrameFormat.orNone(f.otherActedAt);
                b.append(INDENT).append("while ").append(thread(f.otherActor))
                 .append(" was inside a call on the same connection");
                if (other.length > 0) b.append(", at");
                else b.append(" (it had left the call when its stack was taken)");
                frames(b, other);
            }
        }
        if (shownSql != null) b.append(INDENT).append("sql: ").append(shownSql);
        return b.toString();
    }

    /** " opened in test T at" (or, taken by a framework for the application, who took it for whom) and the stack. */
    private static void opened(StringBuilder b, Finding f, StackTraceElement[] stack) {
        if (f.openedBy != null) {
            b.append(" taken by ").append(oneLine(f.openedBy));
            if (f.openedFor != null) b.append(" for ").append(oneLine(f.openedFor));
        } else {
            b.append(" opened");
        }
        if (f.createdInTest != null) b.append(" in test ").append(oneLine(f.createdInTest));
        if (stack.length > 0) b.append(" at");
        frames(b, stack);
    }

    /**
     * A grouped site's connection used from a place not seen before: a short block that names the
     * connection's opening and the new place.
     */
    void use(Finding f, String sql) {
        print("WARN", useFormat(f, sql), null);
    }

    String useFormat(Finding f, String sql) {
        StringBuilder b = new StringBuilder(256).append("connguard ").append(f.kind).append(" again, at a new place");
        StackTraceElement[] opened = FrameFormat.orNone(f.connectionCreatedAt != null ? f.connectionCreatedAt : f.createdAt);
        if (opened.length > 0) b.append(", on the connection opened at ").append(oneLine(FrameFormat.format(opened[0])));
        b.append(INDENT).append(Kind.actorVerbOf(f.kind)).append(' ').append(thread(f.actor));
        if (f.method != null) {
            b.append(" in ").append(f.method).append('(');
            if (sql != null) b.append('"').append(sqlText(sql)).append('"');
            b.append(')');
        }
        b.append(" on ").append(f.resource).append('#').append(f.resourceId);
        if (f.test != null) b.append(" during test ").append(oneLine(f.test));
        frames(b, FrameFormat.orNone(f.actedAt));
        if (f.otherActor != null) b.append(INDENT).append("while ").append(thread(f.otherActor)).append(" was inside a call on the same connection");
        return b.toString();
    }

    /** At exit, for a grouped site: every place its connection was used from, with counts and threads. */
    static String places(String site, long count, SiteKey s) {
        java.util.Collection<Use> places = s.places();
        StringBuilder b = new StringBuilder(256).append("connguard: ").append(count).append(count == 1 ? " use" : " uses")
                .append(" from ").append(places.size()).append(places.size() == 1 ? " place" : " places")
                .append(" at site ").append(oneLine(site));
        for (Use u : places) {
            b.append(INDENT).append(oneLine(u.where())).append(": ").append(u.count.get()).append("x by ")
             .append(oneLine(String.join(", ", u.threads())));
        }
        if (s.elsewhere.get() > 0) b.append(INDENT).append(s.elsewhere.get()).append(" more at further places");
        return b.toString();
    }

    /** Who closed it and when; where, when the close stack was recorded ({@code stacks=all}). */
    private static String closedText(Finding f) {
        StringBuilder b = new StringBuilder(Verbs.CLOSED_BY).append(' ').append(thread(f.closedBy));
        if (f.closedTime > 0) b.append(" at ").append(UtcTime.format(f.closedTime));
        if (f.closedAt != null && f.closedAt.length > 0) b.append(", in");
        else b.append(" (where: run with stacks=all)");
        return b.toString();
    }

    private String leakText(Finding f) {
        LeakCause cause = LeakCause.of(f.detectedBy);
        if (cause == null) return LeakCause.LOG_UNKNOWN;
        switch (cause) {
            case PARENT_CLOSED:
                String text = cause.logPhrase;
                if (f.actor != null) text += " by " + thread(f.actor);
                return f.actedAt != null && f.actedAt.length > 0 ? text + " at" : text;
            case HELD_TOO_LONG:
                return leakThresholdMillis > 0 ? "open longer than " + threshold(leakThresholdMillis) : cause.logPhrase;
            default:
                return cause.logPhrase;
        }
    }

    private static void frames(StringBuilder b, StackTraceElement[] frames) {
        int shown = Math.min(frames.length, MAX_FRAMES);
        for (int i = 0; i < shown; i++) b.append(FRAME_INDENT).append(oneLine(FrameFormat.format(frames[i])));
        if (frames.length > shown) b.append(FRAME_INDENT).append("...");
    }

    private static String thread(ThreadInfo t) {
        return t == null ? "an unknown thread" : oneLine(t.toString());
    }

    /** The threshold as the user would write it: {@code 30s}, {@code 2m}, {@code 1500ms}. */
    static String threshold(long millis) {
        if (millis % 3_600_000 == 0) return millis / 3_600_000 + "h";
        if (millis % 60_000 == 0) return millis / 60_000 + "m";
        if (millis % 1_000 == 0) return millis / 1_000 + "s";
        return millis + "ms";
    }

    /** A held time for people: {@code 850ms}, {@code 45.2s}. */
    static String held(long millis) {
        if (millis < 1_000) return millis + "ms";
        return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    private static String sqlText(String sql) {
        String line = oneLine(sql);
        return line.length() <= MAX_SQL ? line : line.substring(0, MAX_SQL) + "...";
    }

    /** A block is lines the program writes: text from outside (names, SQL) must not add any. */
    static String oneLine(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (b == null) b = new StringBuilder(s.length()).append(s, 0, i);
                if (b.length() == 0 || b.charAt(b.length() - 1) != ' ') b.append(' ');
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}
