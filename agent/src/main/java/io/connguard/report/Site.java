package io.connguard.report;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import io.connguard.runtime.Finding;

/**
 * Where a kind of finding happens: kind (and how a leak was found), the resource type, and the first
 * application frame of the creation and of the offending call (DESIGN.md, "Dedup"). The resource type
 * is part of it because a statement reports its connection's creation stack unless {@code stacks=all}:
 * a leaked connection and a leaked statement of it are two findings, not one. Equality is on the frames themselves,
 * so that a repeated finding costs a lookup and an increment, not string building.
 */
final class Site {
    final String kind;
    final String detectedBy;
    private final String resource;
    private final StackTraceElement created;
    private final StackTraceElement acted;
    private final int hash;
    /** Occurrences so far; starts at 1 because a site is created by its first occurrence. */
    final AtomicLong count = new AtomicLong(1);

    Site(Finding f) {
        this.kind = f.kind;
        this.detectedBy = Finding.LEAK.equals(f.kind) ? f.detectedBy : null;
        this.resource = f.resource;
        this.created = Frames.first(f.createdAt);
        this.acted = Frames.first(f.actedAt);
        // by hand: Objects.hash would allocate an array on every repeated finding
        this.hash = (((Objects.hashCode(kind) * 31 + Objects.hashCode(detectedBy)) * 31 + Objects.hashCode(resource)) * 31
                + Objects.hashCode(created)) * 31 + Objects.hashCode(acted);
    }

    /** {@code CROSS_THREAD_USE Connection com.example.Orders.load(Orders.java:42) -> com.example.Orders.lambda$save$0(Orders.java:57)}. */
    String text() {
        StringBuilder b = new StringBuilder(kind);
        if (detectedBy != null) b.append('/').append(detectedBy);
        b.append(' ').append(resource);
        b.append(' ').append(created == null ? "(no stack)" : Frames.format(created));
        if (acted != null) b.append(" -> ").append(Frames.format(acted));
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Site)) return false;
        Site other = (Site) o;
        return hash == other.hash && Objects.equals(kind, other.kind) && Objects.equals(detectedBy, other.detectedBy)
                && Objects.equals(resource, other.resource) && Objects.equals(created, other.created) && Objects.equals(acted, other.acted);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
