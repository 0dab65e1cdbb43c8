package io.connguard.cli;

import io.connguard.contract.Field;
import io.connguard.contract.Kind;
import io.connguard.contract.LeakCause;
import io.connguard.contract.SiteKeyFormat;
import io.connguard.contract.Verbs;
import io.connguard.runtime.ThreadInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One site across all reports, as the {@code report} command merged it: the kind, the details of
 * its first finding line, and how often it happened in total. The details come from the first report that had a finding line for it; a
 * site known only from a summary (its finding line was damaged) has a count and no stacks.
 */
final class MergedSite {
    final String key;
    final String kind;
    final String detectedBy;
    long count;
    final Set<String> reports = new LinkedHashSet<>();
    boolean hasDetails;
    String resource;
    String resourceClass;
    ThreadInfo owner;
    ThreadInfo actor;
    ThreadInfo otherActor;
    String method;
    List<String> createdAt = Collections.emptyList();
    List<String> actedAt = Collections.emptyList();
    List<String> otherActedAt = Collections.emptyList();
    /** Statements and result sets: their connection's creation stack; {@link #createdAt} is then their own (empty when unknown). */
    List<String> connectionCreatedAt = Collections.emptyList();
    String url;
    String sql;
    String time;
    /** The test method running on the offending thread, and the one that opened the resource. */
    String test;
    String createdInTest;
    /** A framework's code that opened the connection for the application, and the application method it was for. */
    String openedBy;
    String openedFor;
    /** Uses ({@code CROSS_THREAD_USE}, {@code CONCURRENT_USE}): where the connection was used from, merged over all reports. */
    final Map<String, Use> uses = new LinkedHashMap<>();
    /** Which of {@link #applicationFrames} locates the site: 0 unless other sites share its first frames. */
    int locationDepth;
    /** NESTED_ACQUIRE: the pool; USE_AFTER_CLOSE: who closed the resource, where and when. */
    String poolClass;
    String poolName;
    ThreadInfo closedBy;
    List<String> closedAt = Collections.emptyList();
    String closedTime;
    /** HELD_TOO_LONG resources of this site closed after the report, and the longest such hold. */
    long closedLater;
    long maxHeldMillis;
    /** Accepted in the baseline given to the report command: shown as known, not failing the gate. */
    boolean baselined;

    MergedSite(String key, String kind, String detectedBy) {
        this.key = key;
        this.kind = kind;
        this.detectedBy = detectedBy;
    }

    @SuppressWarnings("unchecked")
    void details(Map<String, Object> line) {
        hasDetails = true;
        resource = string(line, Field.RESOURCE);
        resourceClass = string(line, Field.RESOURCE_CLASS);
        owner = thread(line.get(Field.OWNER));
        actor = thread(line.get(Field.ACTOR));
        otherActor = thread(line.get(Field.OTHER_ACTOR));
        method = string(line, Field.METHOD);
        createdAt = strings(line.get(Field.CREATED_AT));
        actedAt = strings(line.get(Field.ACTED_AT));
        otherActedAt = strings(line.get(Field.OTHER_ACTED_AT));
        connectionCreatedAt = strings(line.get(Field.CONNECTION_CREATED_AT));
        url = string(line, Field.URL);
        sql = string(line, Field.SQL);
        time = string(line, Field.TIME);
        test = string(line, Field.TEST);
        createdInTest = string(line, Field.CREATED_IN_TEST);
        openedBy = string(line, Field.OPENED_BY);
        openedFor = string(line, Field.OPENED_FOR);
        Object pool = line.get(Field.POOL);
        if (pool instanceof Map) {
            poolClass = string((Map<String, Object>) pool, Field.POOL_CLASS);
            poolName = string((Map<String, Object>) pool, Field.POOL_NAME);
        }
        closedBy = thread(line.get(Field.CLOSED_BY));
        closedAt = strings(line.get(Field.CLOSED_AT));
        closedTime = string(line, Field.CLOSED_TIME);
    }

    /** The site's identity across runs: its key without line numbers (baselines, SARIF fingerprints). */
    String identity() {
        return SiteKeyFormat.identity(key);
    }

    /**
     * Adds {@code n} uses at the place a {@code finding}, {@code use} or summary {@code uses} entry
     * describes; {@code thread} (as the report writes threads) may be null.
     */
    void use(String method, String resource, List<String> actedAt, List<String> threads, long n) {
        String place = method + " " + resource + " " + actedAt;
        Use u = uses.computeIfAbsent(place, k -> new Use(method, resource, actedAt));
        u.count += n;
        u.threads.addAll(threads);
    }

    /** One place a grouped site's connection was used from. */
    static final class Use {
        final String method;
        final String resource;
        final List<String> actedAt;
        final Set<String> threads = new LinkedHashSet<>();
        long count;

        Use(String method, String resource, List<String> actedAt) {
            this.method = method;
            this.resource = resource;
            this.actedAt = actedAt;
        }

        /** {@code executeQuery on PreparedStatement at com.example.Worker.run(Worker.java:30)}. */
        String where() {
            return (method == null ? "a call" : method) + " on " + (resource == null ? "?" : resource)
                + (actedAt.isEmpty() ? "" : " at " + firstApplicationText(actedAt));
        }

        /** {@code 12x by "pool-1-thread-1" (#22), "pool-1-thread-2" (#23)}. */
        String tally() {
            return count + "x" + (threads.isEmpty() ? "" : " by " + String.join(", ", threads));
        }
    }

    private static String firstApplicationText(List<String> frames) {
        for (String text : frames) {
            ReportedFrame f = ReportedFrame.parse(text);
            if (f != null && f.file != null && !f.isPlatform()) return text;
        }
        return frames.get(0);
    }

    /** "LEAK (EXIT)" or "CROSS_THREAD_USE". */
    String title() {
        return detectedBy == null ? kind : kind + " (" + detectedBy + ")";
    }

    /**
     * The application frame the site is located at: in the stack it was created by (a statement's
     * own line, else its connection's; else where it was used), the first frame of the
     * application, or a deeper one when other sites share the first (see {@link MergedReport}).
     */
    ReportedFrame location() {
        List<ReportedFrame> frames = applicationFrames();
        return frames.isEmpty() ? null : frames.get(Math.min(locationDepth, frames.size() - 1));
    }

    /** The application frames of the stack that locates the site, innermost first; platform frames only when there are no others. */
    List<ReportedFrame> applicationFrames() {
        List<String> stack = !createdAt.isEmpty() ? createdAt : !connectionCreatedAt.isEmpty() ? connectionCreatedAt : actedAt;
        List<ReportedFrame> out = new ArrayList<>();
        for (String text : stack) {
            ReportedFrame f = ReportedFrame.parse(text);
            if (f != null && f.file != null && !f.isPlatform()) out.add(f);
        }
        if (out.isEmpty()) {
            ReportedFrame first = ReportedFrame.firstApplicationFrame(stack);
            if (first != null) out.add(first);
        }
        return out;
    }

    /** Whether the creation known is only the connection's (a statement whose own line was not recorded). */
    boolean onlyConnectionKnown() {
        return createdAt.isEmpty() && !connectionCreatedAt.isEmpty();
    }

    /** One sentence: what happened to what, on which threads, and how often. */
    String message() {
        StringBuilder m = new StringBuilder();
        String what = resource == null ? "JDBC resource" : resource;
        if (!hasDetails) {
            m.append(title()).append(" at ").append(key);
        } else if (Kind.Names.LEAK.equals(kind)) {
            opened(m, what);
            m.append(' ').append(leakReason());
        } else if (!uses.isEmpty()) {
            opened(m, what);
            m.append(Kind.Names.CONCURRENT_USE.equals(kind) ? " was entered concurrently " : " was used by other threads ")
             .append(uses.size() == 1 ? "from 1 place: " : "from " + uses.size() + " places: ");
            String sep = "";
            for (Use u : uses.values()) {
                m.append(sep).append(u.where()).append(' ').append(u.tally());
                sep = "; ";
            }
        } else if (Kind.Names.NESTED_ACQUIRE.equals(kind)) {
            m.append("Connection borrowed");
            if (owner != null) m.append(" by ").append(owner);
            if (!createdAt.isEmpty()) m.append(" at ").append(createdAt.get(0));
            m.append(" was still held when it borrowed another from the same pool ").append(poolText());
            if (!actedAt.isEmpty()) m.append(" at ").append(actedAt.get(0));
        } else if (Kind.Names.TRANSACTION_LEFT_OPEN.equals(kind)) {
            m.append("Connection opened");
            if (owner != null) m.append(" by ").append(owner);
            if (!createdAt.isEmpty()) m.append(" at ").append(createdAt.get(0));
            m.append(" was closed with uncommitted writes");
            if (actor != null) m.append(" by ").append(actor);
            if (!actedAt.isEmpty()) m.append(" at ").append(actedAt.get(0));
            if (sql != null) m.append("; first uncommitted write: ").append(sql);
        } else if (Kind.Names.USE_AFTER_CLOSE.equals(kind)) {
            m.append(what).append(" opened");
            if (owner != null) m.append(" by ").append(owner);
            if (!createdAt.isEmpty()) m.append(" at ").append(createdAt.get(0));
            m.append(" was ").append(Verbs.USED_BY).append(' ').append(actor == null ? "?" : actor);
            if (method != null) m.append(" in ").append(method);
            if (!actedAt.isEmpty()) m.append(" at ").append(actedAt.get(0));
            m.append(" after ").append(closedBy == null ? "?" : closedBy).append(" closed it");
            if (!closedAt.isEmpty()) m.append(" at ").append(closedAt.get(0));
            if (closedTime != null) m.append(" (").append(closedTime).append(')');
        } else {
            opened(m, what);
            m.append(" was ").append(Kind.actorVerbOf(kind)).append(' ').append(actor == null ? "?" : actor);
            if (method != null && !Kind.Names.WRONG_THREAD_CLOSE.equals(kind)) m.append(" in ").append(method);
            if (!actedAt.isEmpty()) m.append(" at ").append(actedAt.get(0));
            if (otherActor != null) m.append(" while ").append(otherActor).append(" was inside");
        }
        if (test != null) m.append(", during test ").append(test);
        else if (createdInTest != null) m.append(", opened in test ").append(createdInTest);
        m.append(count == 1 ? " (1 occurrence)" : " (" + count + " occurrences)");
        return m.toString();
    }

    /**
     * "PreparedStatement created by thread "main" (#1) at X", or, when only its connection's
     * stack is known, "PreparedStatement whose connection was opened ... at Y": never the
     * connection's line as the statement's.
     */
    private void opened(StringBuilder m, String what) {
        m.append(what);
        boolean connection = connectionCreatedAt.isEmpty();
        List<String> stack = connection || !createdAt.isEmpty() ? createdAt : connectionCreatedAt;
        if (connection) m.append(openedBy != null ? " taken by " + openedBy + (openedFor == null ? "" : " for " + openedFor) : " opened");
        else if (!createdAt.isEmpty()) m.append(" created");
        else m.append(" (only its connection's stack is known) whose connection was opened");
        if (owner != null) m.append(" by ").append(owner);
        if (!stack.isEmpty()) m.append(" at ").append(firstApplicationText(stack));
    }

    /** The pool's class, and its name in quotes where it has one. */
    String poolText() {
        if (poolClass == null) return "?";
        return poolName == null ? poolClass : poolClass + " \"" + poolName + "\"";
    }

    /** What the second stack of this kind shows: the use, the close, the second borrow. */
    String actedLabel() {
        if (Kind.Names.WRONG_THREAD_CLOSE.equals(kind) || Kind.Names.TRANSACTION_LEFT_OPEN.equals(kind)) return "closed at";
        if (Kind.Names.NESTED_ACQUIRE.equals(kind)) return "borrowed again at";
        return "used at";
    }

    String leakReason() {
        return LeakCause.reportPhraseOf(detectedBy);
    }

    private static String string(Map<String, Object> line, String name) {
        Object v = line.get(name);
        return v instanceof String ? (String) v : null;
    }

    static List<String> strings(Object v) {
        if (!(v instanceof List)) return Collections.emptyList();
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) v) if (o instanceof String) out.add((String) o);
        return Collections.unmodifiableList(out);
    }

    /** A thread as a report line names it. */
    static ThreadInfo thread(Object v) {
        if (!(v instanceof Map)) return null;
        Map<?, ?> m = (Map<?, ?>) v;
        Object name = m.get(Field.THREAD_NAME);
        Object id = m.get(Field.THREAD_ID);
        return new ThreadInfo(name instanceof String ? (String) name : "?", id instanceof Long ? (Long) id : -1,
            Boolean.TRUE.equals(m.get(Field.THREAD_VIRTUAL)));
    }
}
