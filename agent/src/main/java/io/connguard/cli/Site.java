package io.connguard.cli;

import io.connguard.runtime.ThreadInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One site across all reports: the kind, the details of its first finding line, and how often it
 * happened in total. The details come from the first report that had a finding line for it; a
 * site known only from a summary (its finding line was damaged) has a count and no stacks.
 */
final class Site {
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
    String url;
    String sql;
    String time;
    /** HELD_TOO_LONG resources of this site closed after the report, and the longest such hold. */
    long closedLater;
    long maxHeldMillis;

    Site(String key, String kind, String detectedBy) {
        this.key = key;
        this.kind = kind;
        this.detectedBy = detectedBy;
    }

    void details(Map<String, Object> line) {
        hasDetails = true;
        resource = string(line, "resource");
        resourceClass = string(line, "resourceClass");
        owner = thread(line.get("owner"));
        actor = thread(line.get("actor"));
        otherActor = thread(line.get("otherActor"));
        method = string(line, "method");
        createdAt = strings(line.get("createdAt"));
        actedAt = strings(line.get("actedAt"));
        otherActedAt = strings(line.get("otherActedAt"));
        url = string(line, "url");
        sql = string(line, "sql");
        time = string(line, "time");
    }

    /** "LEAK (EXIT)" or "CROSS_THREAD_USE". */
    String title() {
        return detectedBy == null ? kind : kind + " (" + detectedBy + ")";
    }

    /** The application frame the site is located at: where the resource was opened, else where it was used. */
    Frame location() {
        Frame f = Frame.firstApplicationFrame(createdAt);
        return f != null ? f : Frame.firstApplicationFrame(actedAt);
    }

    /** One sentence: what happened to what, on which threads, and how often. */
    String message() {
        StringBuilder m = new StringBuilder();
        String what = resource == null ? "JDBC resource" : resource;
        if (!hasDetails) {
            m.append(title()).append(" at ").append(key);
        } else if (Kind.LEAK.name().equals(kind)) {
            m.append(what).append(" opened");
            if (owner != null) m.append(" by ").append(owner);
            if (!createdAt.isEmpty()) m.append(" at ").append(createdAt.get(0));
            m.append(' ').append(leakReason());
        } else {
            m.append(what).append(" opened");
            if (owner != null) m.append(" by ").append(owner);
            if (!createdAt.isEmpty()) m.append(" at ").append(createdAt.get(0));
            m.append(Kind.WRONG_THREAD_CLOSE.name().equals(kind) ? " was closed by "
                : Kind.CONCURRENT_USE.name().equals(kind) ? " was entered by " : " was used by ");
            m.append(actor == null ? "?" : actor);
            if (method != null && !Kind.WRONG_THREAD_CLOSE.name().equals(kind)) m.append(" in ").append(method);
            if (!actedAt.isEmpty()) m.append(" at ").append(actedAt.get(0));
            if (otherActor != null) m.append(" while ").append(otherActor).append(" was inside");
        }
        m.append(count == 1 ? " (1 occurrence)" : " (" + count + " occurrences)");
        return m.toString();
    }

    String leakReason() {
        if (detectedBy == null) return "and never closed";
        switch (detectedBy) {
            case "GC": return "was garbage-collected while still open";
            case "OWNER_THREAD_ENDED": return "was still open when its owner thread ended";
            case "EXIT": return "was still open at JVM exit";
            case "PARENT_CLOSED": return "was still open when its connection was closed";
            case "HELD_TOO_LONG": return "was held open longer than the leak threshold";
            default: return "was never closed (" + detectedBy + ")";
        }
    }

    private static String string(Map<String, Object> line, String name) {
        Object v = line.get(name);
        return v instanceof String ? (String) v : null;
    }

    private static List<String> strings(Object v) {
        if (!(v instanceof List)) return Collections.emptyList();
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) v) if (o instanceof String) out.add((String) o);
        return Collections.unmodifiableList(out);
    }

    /** A thread as a report line names it. */
    private static ThreadInfo thread(Object v) {
        if (!(v instanceof Map)) return null;
        Map<?, ?> m = (Map<?, ?>) v;
        Object name = m.get("name");
        Object id = m.get("id");
        return new ThreadInfo(name instanceof String ? (String) name : "?", id instanceof Long ? (Long) id : -1,
            Boolean.TRUE.equals(m.get("virtual")));
    }
}
