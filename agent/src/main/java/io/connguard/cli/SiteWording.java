package io.connguard.cli;

import io.connguard.contract.Kind;
import io.connguard.contract.LeakCause;
import io.connguard.contract.Verbs;
import java.util.List;

/** The words the formats share for a merged site: its title, its one-sentence message, and the phrases in them. */
final class SiteWording {
    private SiteWording() {}

    /** "LEAK (EXIT)" or "CROSS_THREAD_USE". */
    static String title(MergedSite s) {
        return s.detectedBy == null ? s.kind : s.kind + " (" + s.detectedBy + ")";
    }

    /** One sentence: what happened to what, on which threads, and how often. */
    static String message(MergedSite s) {
        ReportedFinding f = s.finding;
        StringBuilder m = new StringBuilder();
        String what = f.resource == null ? "JDBC resource" : f.resource;
        if (!s.hasDetails()) {
            m.append(title(s)).append(" at ").append(s.key);
        } else if (Kind.Names.LEAK.equals(s.kind)) {
            opened(m, what, f);
            m.append(' ').append(leakReason(s));
        } else if (!s.uses.isEmpty()) {
            opened(m, what, f);
            m.append(Kind.Names.CONCURRENT_USE.equals(s.kind) ? " was entered concurrently " : " was used by other threads ")
             .append(s.uses.size() == 1 ? "from 1 place: " : "from " + s.uses.size() + " places: ");
            String sep = "";
            for (SiteUse u : s.uses.values()) {
                m.append(sep).append(where(u)).append(' ').append(tally(u));
                sep = "; ";
            }
        } else if (Kind.Names.NESTED_ACQUIRE.equals(s.kind)) {
            m.append("Connection borrowed");
            if (f.owner != null) m.append(" by ").append(f.owner);
            if (!f.createdAt.isEmpty()) m.append(" at ").append(f.createdAt.get(0));
            m.append(" was still held when it borrowed another from the same pool ").append(poolText(f));
            if (!f.actedAt.isEmpty()) m.append(" at ").append(f.actedAt.get(0));
        } else if (Kind.Names.TRANSACTION_LEFT_OPEN.equals(s.kind)) {
            m.append("Connection opened");
            if (f.owner != null) m.append(" by ").append(f.owner);
            if (!f.createdAt.isEmpty()) m.append(" at ").append(f.createdAt.get(0));
            m.append(" was closed with uncommitted writes");
            if (f.actor != null) m.append(" by ").append(f.actor);
            if (!f.actedAt.isEmpty()) m.append(" at ").append(f.actedAt.get(0));
            if (f.sql != null) m.append("; first uncommitted write: ").append(f.sql);
        } else if (Kind.Names.USE_AFTER_CLOSE.equals(s.kind)) {
            m.append(what).append(" opened");
            if (f.owner != null) m.append(" by ").append(f.owner);
            if (!f.createdAt.isEmpty()) m.append(" at ").append(f.createdAt.get(0));
            m.append(" was ").append(Verbs.USED_BY).append(' ').append(f.actor == null ? "?" : f.actor);
            if (f.method != null) m.append(" in ").append(f.method);
            if (!f.actedAt.isEmpty()) m.append(" at ").append(f.actedAt.get(0));
            m.append(" after ").append(f.closedBy == null ? "?" : f.closedBy).append(" closed it");
            if (!f.closedAt.isEmpty()) m.append(" at ").append(f.closedAt.get(0));
            if (f.closedTime != null) m.append(" (").append(f.closedTime).append(')');
        } else {
            opened(m, what, f);
            m.append(" was ").append(Kind.actorVerbOf(s.kind)).append(' ').append(f.actor == null ? "?" : f.actor);
            if (f.method != null && !Kind.Names.WRONG_THREAD_CLOSE.equals(s.kind)) m.append(" in ").append(f.method);
            if (!f.actedAt.isEmpty()) m.append(" at ").append(f.actedAt.get(0));
            if (f.otherActor != null) m.append(" while ").append(f.otherActor).append(" was inside");
        }
        if (f.test != null) m.append(", during test ").append(f.test);
        else if (f.createdInTest != null) m.append(", opened in test ").append(f.createdInTest);
        m.append(s.count == 1 ? " (1 occurrence)" : " (" + s.count + " occurrences)");
        return m.toString();
    }

    /**
     * "PreparedStatement created by thread "main" (#1) at X", or, when only its connection's
     * stack is known, "PreparedStatement whose connection was opened ... at Y": never the
     * connection's line as the statement's.
     */
    private static void opened(StringBuilder m, String what, ReportedFinding f) {
        m.append(what);
        boolean connection = f.connectionCreatedAt.isEmpty();
        List<String> stack = connection || !f.createdAt.isEmpty() ? f.createdAt : f.connectionCreatedAt;
        if (connection) m.append(' ').append(openedText(f));
        else if (!f.createdAt.isEmpty()) m.append(" created");
        else m.append(" (only its connection's stack is known) whose connection was opened");
        if (f.owner != null) m.append(" by ").append(f.owner);
        if (!stack.isEmpty()) m.append(" at ").append(firstApplicationText(stack));
    }

    /** "opened", or who took the connection for whom when a framework opened it. */
    static String openedText(ReportedFinding f) {
        if (f.openedBy == null) return "opened";
        return "taken by " + f.openedBy + (f.openedFor == null ? "" : " for " + f.openedFor);
    }

    /** The pool's class, and its name in quotes where it has one; "?" when the finding names no pool. */
    static String poolText(ReportedFinding f) {
        if (f.poolClass == null) return "?";
        return f.poolName == null ? f.poolClass : f.poolClass + " \"" + f.poolName + "\"";
    }

    /** What the second stack of {@code kind} shows: the use, the close, the second borrow. */
    static String actedLabel(String kind) {
        if (Kind.Names.WRONG_THREAD_CLOSE.equals(kind) || Kind.Names.TRANSACTION_LEFT_OPEN.equals(kind)) return "closed at";
        if (Kind.Names.NESTED_ACQUIRE.equals(kind)) return "borrowed again at";
        return "used at";
    }

    /** How a leak was found, continuing "Connection opened by ... at ..." (see {@link LeakCause}). */
    static String leakReason(MergedSite s) {
        return LeakCause.reportPhraseOf(s.detectedBy);
    }

    /** {@code executeQuery on PreparedStatement at com.example.Worker.run(Worker.java:30)}. */
    static String where(SiteUse u) {
        return (u.method == null ? "a call" : u.method) + " on " + (u.resource == null ? "?" : u.resource)
            + (u.actedAt.isEmpty() ? "" : " at " + firstApplicationText(u.actedAt));
    }

    /** {@code 12x by "pool-1-thread-1" (#22), "pool-1-thread-2" (#23)}. */
    static String tally(SiteUse u) {
        return u.count + "x" + (u.threads.isEmpty() ? "" : " by " + String.join(", ", u.threads));
    }

    private static String firstApplicationText(List<String> frames) {
        for (String text : frames) {
            ReportedFrame f = ReportedFrame.parse(text);
            if (f != null && f.file != null && !f.isPlatform()) return text;
        }
        return frames.get(0);
    }
}
