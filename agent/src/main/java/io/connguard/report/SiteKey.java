package io.connguard.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.connguard.contract.Kind;
import io.connguard.contract.SiteKeyFormat;
import io.connguard.runtime.Finding;
import io.connguard.runtime.Stacks;

/**
 * Where a bug is, as the key that deduplicates findings while the JVM runs, with the site's
 * counts and places. A site is the finding's kind (and how a leak was found), the resource type,
 * and the <em>application frames</em> of its stacks, not only the first: two methods that leak
 * through one helper are two sites, a loop that leaks 10,000 statements at one line is one site
 * with count 10,000.
 *
 * <p>Uses ({@code CROSS_THREAD_USE}, {@code CONCURRENT_USE}) are grouped by where the connection
 * of the family was opened: one connection shared by four threads and called at eleven lines is
 * one site per kind, which keeps the {@link Use places} it was used from, with their threads and
 * counts. A leak keys on its creation alone (where the connection was closed over an open
 * statement only found it); a wrong-thread close also on where it was closed. A statement's site
 * is its own creation (its line is kept by default), its connection's only when that is all that
 * is known.
 *
 * <p>Equality is on the frames themselves, so that a repeated finding costs a lookup and an
 * increment, not string building.
 */
final class SiteKey {
    /** Places kept per site; further places are only counted, so a pathological program cannot grow the report without end. */
    static final int MAX_PLACES = 64;

    final String kind;
    final String detectedBy;
    private final String resource;
    private final StackTraceElement[] created;
    private final StackTraceElement[] acted;
    private final int hash;
    /** Occurrences so far; starts at 1 because a site is created by its first occurrence. */
    final AtomicLong count = new AtomicLong(1);
    /** Uses only: where the resource was used from. */
    private final ConcurrentHashMap<Use, Use> places;
    /** Uses at places beyond {@link #MAX_PLACES}. */
    final AtomicLong elsewhere = new AtomicLong();

    SiteKey(Finding f) {
        this.kind = f.kind;
        this.detectedBy = Finding.LEAK.equals(f.kind) ? f.detectedBy : null;
        boolean use = Kind.isUse(f.kind);
        this.resource = use ? "Connection" : f.resource;
        StackTraceElement[] own = FrameFormat.orNone(f.createdAt);
        StackTraceElement[] creation = use && f.connectionCreatedAt != null || own.length == 0 && f.connectionCreatedAt != null
                ? f.connectionCreatedAt : own;
        this.created = applicationFrames(creation);
        // a leak is where the resource was made, whoever found it; a wrong-thread close is also where it was closed
        this.acted = use || Finding.LEAK.equals(f.kind) ? FrameFormat.NONE : applicationFrames(FrameFormat.orNone(f.actedAt));
        this.places = use ? new ConcurrentHashMap<>() : null;
        if (use) {
            // the first place is known before the site is published: a racing repeat must find it
            Use first = new Use(f);
            places.put(first, first);
        }
        // by hand: Objects.hash would allocate an array on every repeated finding
        this.hash = (((Objects.hashCode(kind) * 31 + Objects.hashCode(detectedBy)) * 31 + Objects.hashCode(resource)) * 31
                + Arrays.hashCode(created)) * 31 + Arrays.hashCode(acted);
    }

    boolean groupsUses() {
        return places != null;
    }

    /**
     * The application frames of a trimmed stack (see {@link Stacks}): every frame that is neither
     * the JDK's nor a fold of framework frames. A stack without any keeps its first frame, so that
     * sites without application code still differ by where they were.
     */
    static StackTraceElement[] applicationFrames(StackTraceElement[] frames) {
        List<StackTraceElement> out = new ArrayList<>(frames.length);
        for (StackTraceElement f : frames) {
            if (Stacks.isApplicationFrame(f)) out.add(f);
        }
        if (out.isEmpty() && frames.length > 0 && !Stacks.FOLDED.equals(frames[0].getClassName())) out.add(frames[0]);
        return out.toArray(FrameFormat.NONE);
    }

    /**
     * Counts a repeated use at its place; returns the place when it is new to this site (the caller says so
     * once), null when it was known or the site keeps no more places.
     */
    Use use(Finding f) {
        Use probe = new Use(f);
        Use known = places.get(probe);
        if (known == null) {
            if (places.size() >= MAX_PLACES) {
                elsewhere.incrementAndGet();
                return null;
            }
            known = places.putIfAbsent(probe, probe);
            if (known == null) return probe;
        }
        known.count.incrementAndGet();
        known.thread(f.actor);
        return null;
    }

    Collection<Use> places() {
        return places == null ? List.of() : places.values();
    }

    /**
     * {@code LEAK/EXIT Connection com.example.Db.open(Db.java:40) < com.example.Orders.load(Orders.java:12)}
     * (see {@link SiteKeyFormat}): kind, resource, the creation's application frames innermost first, and after {@code ->} the
     * offending call's. Unique within a run; across runs, see {@link SiteKeyFormat#identity}.
     */
    String text() {
        StringBuilder b = new StringBuilder(kind);
        if (detectedBy != null) b.append(SiteKeyFormat.CAUSE).append(detectedBy);
        b.append(SiteKeyFormat.WORD).append(resource).append(SiteKeyFormat.WORD);
        if (created.length == 0) b.append(SiteKeyFormat.NO_STACK);
        else frames(b, created);
        if (acted.length > 0) frames(b.append(SiteKeyFormat.ACTED), acted);
        return b.toString();
    }

    private static void frames(StringBuilder b, StackTraceElement[] frames) {
        for (int i = 0; i < frames.length; i++) {
            if (i > 0) b.append(SiteKeyFormat.FRAMES);
            b.append(FrameFormat.format(frames[i]));
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SiteKey)) return false;
        SiteKey other = (SiteKey) o;
        return hash == other.hash && Objects.equals(kind, other.kind) && Objects.equals(detectedBy, other.detectedBy)
                && Objects.equals(resource, other.resource) && Arrays.equals(created, other.created) && Arrays.equals(acted, other.acted);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
