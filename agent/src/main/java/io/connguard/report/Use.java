package io.connguard.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.connguard.runtime.Finding;
import io.connguard.runtime.ThreadInfo;

/**
 * One place a grouped site's connection was used from: the JDBC method, the resource it was
 * called on, and the application frames of the call; with how often and by which threads.
 */
final class Use {
    /** Thread names kept per place; the count still counts every use. */
    static final int MAX_THREADS = 8;

    final String method;
    final String resource;
    /** The offending call's stack as the first use there took it (for showing), and its application frames (for equality). */
    final StackTraceElement[] actedAt;
    private final StackTraceElement[] key;
    private final int hash;
    final AtomicLong count = new AtomicLong(1);
    private final Set<String> threads = new LinkedHashSet<>();

    Use(Finding f) {
        this.method = f.method;
        this.resource = f.resource;
        this.actedAt = FrameFormat.orNone(f.actedAt);
        this.key = SiteKey.applicationFrames(actedAt);
        this.hash = (Objects.hashCode(method) * 31 + Objects.hashCode(resource)) * 31 + Arrays.hashCode(key);
        thread(f.actor);
    }

    synchronized void thread(ThreadInfo t) {
        if (t != null && threads.size() < MAX_THREADS) threads.add(t.toString());
    }

    synchronized List<String> threads() {
        return new ArrayList<>(threads);
    }

    /** {@code executeQuery on PreparedStatement at com.example.Worker.run(Worker.java:30)}. */
    String where() {
        StringBuilder b = new StringBuilder();
        b.append(method == null ? "a call" : method).append(" on ").append(resource);
        if (key.length > 0) b.append(" at ").append(FrameFormat.format(key[0]));
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Use)) return false;
        Use other = (Use) o;
        return hash == other.hash && Objects.equals(method, other.method) && Objects.equals(resource, other.resource)
                && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
