package io.connguard.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.atomic.LongAdder;

import io.connguard.agent.IgnorePattern;
import io.connguard.agent.Options;
import io.connguard.agent.SqlMode;
import io.connguard.runtime.Config;
import io.connguard.runtime.Finding;
import io.connguard.runtime.FindingSink;
import io.connguard.runtime.Stacks;
import io.connguard.runtime.ThreadInfo;

/**
 * Findings → dedup → human log and JSON lines report. It is called from inside the application's JDBC
 * calls, so it never throws (errors go to {@link #internalError} once) and a repeated site costs one
 * map lookup and one increment.
 *
 * <p>The summary is the last thing written: findings and closes are written under the read side of
 * one lock, the summary under its write side, so a finding in progress when the JVM exits is
 * written (and counted) before the summary, and one that comes later is dropped, not written after it.
 */
public final class Reporter implements FindingSink {
    private static final String[] KINDS =
            {Finding.CROSS_THREAD_USE, Finding.CONCURRENT_USE, Finding.WRONG_THREAD_CLOSE, Finding.LEAK,
             Finding.NESTED_ACQUIRE, Finding.TRANSACTION_LEFT_OPEN, Finding.USE_AFTER_CLOSE};

    /** A JVM image linked without jdk.jfr cannot load {@link FindingEvent}; don't let that cost the report. */
    private static final boolean JFR = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private final Options options;
    private final HumanLog human;
    private final JsonLinesSink json;
    private final ConcurrentHashMap<Site, Site> sites = new ConcurrentHashMap<>();
    /** HELD_TOO_LONG resources shown in full: their later close is worth a log line (bounded by the sites). */
    private final Set<Long> shownHeldTooLong = ConcurrentHashMap.newKeySet();
    /** The site of every HELD_TOO_LONG resource still open, shown or only counted: its close line names it. */
    private final Map<Long, String> heldTooLongSites = new ConcurrentHashMap<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final ReentrantReadWriteLock summaryLock = new ReentrantReadWriteLock();
    /** connguard's own errors: each one lost some detection, so they are counted into the summary. */
    private final AtomicLong internalErrors = new AtomicLong();
    /** Per {@code ignore} pattern, in the order given: the findings it left out, per kind. */
    private final Map<IgnorePattern, ConcurrentHashMap<String, LongAdder>> ignored = new LinkedHashMap<>();

    public Reporter(Options options, String agentVersion) {
        this.options = options;
        this.human = new HumanLog(options.leakThresholdMillis());
        this.json = new JsonLinesSink(options.report());
        for (IgnorePattern p : options.ignore()) ignored.put(p, new ConcurrentHashMap<>());
        try {
            writeStart(agentVersion);
        } catch (Throwable t) {
            internalError(t);
        }
    }

    private void writeStart(String version) {
        Json line = new Json().beginObject()
                .field("type", "start")
                .field("time", now())
                .field("version", version)
                .field("pid", ProcessHandle.current().pid())
                .field("java", System.getProperty("java.version"))
                .name("options").beginObject();
        for (Map.Entry<String, String> e : options.effective(Config.KNOWN_POOLS).entrySet()) line.field(e.getKey(), e.getValue());
        json.write(line.endObject().endObject().toString());
        HumanLog.info("connguard " + version + " watching JDBC" + (options.strict() ? " (mode=strict)" : "")
                + "; report: " + reportText());
    }

    @Override
    public boolean finding(Finding f) {
        summaryLock.readLock().lock();
        try {
            if (finished.get()) return true;
            IgnorePattern pattern = ignoredBy(f);
            if (pattern != null) {
                // left out by the user's choice, but counted: the summary says how many each pattern hid
                ignored.get(pattern).computeIfAbsent(f.kind, k -> new LongAdder()).increment();
                return false;
            }
            Site probe = new Site(f);
            if (JFR) FindingEvent.emit(f, probe);
            if (Finding.HELD_TOO_LONG.equals(probe.detectedBy)) heldTooLongSites.put(f.resourceId, probe.text());
            Site known = sites.putIfAbsent(probe, probe);
            if (known != null) {
                long n = known.count.incrementAndGet();
                // at 2, 4, 8, ...: a JVM killed before its summary still leaves counts within a factor of two
                if ((n & (n - 1)) == 0) json.write(countLine(known.text(), n));
                if (known.groupsUses()) {
                    Use place = known.use(f);
                    if (place != null) usedElsewhere(known, f);
                }
                return true;
            }
            String url = UrlRedactor.redact(f.url);
            String sql = shownSql(f.sql, f.url);
            human.finding(f, url, sql);
            json.write(findingLine(f, probe.text(), url, sql));
            if (Finding.HELD_TOO_LONG.equals(probe.detectedBy)) shownHeldTooLong.add(f.resourceId);
        } catch (Throwable t) {
            internalError(t);
        } finally {
            summaryLock.readLock().unlock();
        }
        return true;
    }

    /**
     * The first {@code ignore} pattern that matches an application frame of the finding's stacks
     * (where the resource and its connection were opened, where it was used or closed), or null.
     */
    private IgnorePattern ignoredBy(Finding f) {
        if (ignored.isEmpty()) return null;
        for (IgnorePattern p : ignored.keySet()) {
            if (matchesAny(p, f.kind, f.createdAt) || matchesAny(p, f.kind, f.connectionCreatedAt)
                    || matchesAny(p, f.kind, f.actedAt)) return p;
        }
        return null;
    }

    private static boolean matchesAny(IgnorePattern p, String kind, StackTraceElement[] frames) {
        if (frames == null) return false;
        for (StackTraceElement e : frames) {
            if (Stacks.isApplicationFrame(e) && p.matches(kind, e.getClassName(), e.getMethodName())) return true;
        }
        return false;
    }

    /**
     * A grouped site's connection used from a new place: one log line and one {@code use} line,
     * so that every place is on record as it happens; the summary has the counts.
     */
    private void usedElsewhere(Site site, Finding f) {
        String sql = shownSql(f.sql, f.url);
        human.use(f, sql);
        Json line = new Json().beginObject()
                .field("type", "use")
                .field("time", UtcTime.format(f.time))
                .field("kind", f.kind)
                .field("site", site.text())
                .field("resource", f.resource)
                .field("resourceClass", f.resourceClass)
                .field("resourceId", f.resourceId)
                .field("method", f.method);
        thread(line, "owner", f.owner);
        thread(line, "actor", f.actor);
        frames(line, "createdAt", Frames.orNone(f.createdAt));
        frames(line, "actedAt", Frames.orNone(f.actedAt));
        thread(line, "otherActor", f.otherActor);
        if (f.otherActedAt != null) frames(line, "otherActedAt", f.otherActedAt);
        json.write(line.field("url", UrlRedactor.redact(f.url)).field("sql", sql).field("test", f.test).endObject().toString());
    }

    /** The statement text as the {@code sql} option says, read as {@code url}'s database; null when there is none or it is off. */
    private String shownSql(String sql, String url) {
        if (sql == null || options.sql() == SqlMode.OFF) return null;
        return options.sql() == SqlMode.RAW ? sql : SqlSanitizer.sanitize(sql, url);
    }

    private static String findingLine(Finding f, String site, String url, String sql) {
        Json line = new Json().beginObject()
                .field("type", "finding")
                .field("time", UtcTime.format(f.time))
                .field("kind", f.kind);
        if (Finding.LEAK.equals(f.kind)) line.field("detectedBy", f.detectedBy);
        line.field("resource", f.resource)
            .field("resourceClass", f.resourceClass)
            .field("resourceId", f.resourceId)
            .field("connectionId", f.connectionId);
        thread(line, "owner", f.owner);
        thread(line, "actor", f.actor);
        line.field("method", f.method);
        frames(line, "createdAt", Frames.orNone(f.createdAt));
        if (f.connectionCreatedAt != null) frames(line, "connectionCreatedAt", f.connectionCreatedAt);
        line.field("openedBy", f.openedBy).field("openedFor", f.openedFor);
        if (f.actedAt != null) frames(line, "actedAt", f.actedAt);
        thread(line, "otherActor", f.otherActor);
        if (f.otherActedAt != null) frames(line, "otherActedAt", f.otherActedAt);
        if (f.poolClass != null) line.name("pool").beginObject().field("class", f.poolClass).field("name", f.poolName).endObject();
        thread(line, "closedBy", f.closedBy);
        if (f.closedAt != null) frames(line, "closedAt", f.closedAt);
        if (f.closedTime > 0) line.field("closedTime", UtcTime.format(f.closedTime));
        return line.field("url", url)
                   .field("sql", sql)
                   .field("test", f.test)
                   .field("createdInTest", f.createdInTest)
                   .field("site", site)
                   .field("count", 1)
                   .endObject().toString();
    }

    private static String countLine(String site, long count) {
        return new Json().beginObject()
                .field("type", "count")
                .field("time", now())
                .field("site", site)
                .field("count", count)
                .endObject().toString();
    }

    private static void thread(Json line, String name, ThreadInfo t) {
        if (t == null) return;
        line.name(name).beginObject().field("name", t.name).field("id", t.id).field("virtual", t.virtual).endObject();
    }

    private static void frames(Json line, String name, StackTraceElement[] frames) {
        line.name(name).beginArray();
        for (StackTraceElement e : frames) line.value(Frames.format(e));
        line.endArray();
    }

    @Override
    public void closedAfterReport(long resourceId, long heldMillis, StackTraceElement[] closedAt) {
        summaryLock.readLock().lock();
        try {
            if (finished.get()) return;
            StackTraceElement[] frames = Frames.orNone(closedAt);
            Json line = new Json().beginObject()
                    .field("type", "closedAfterReport")
                    .field("time", now())
                    .field("resourceId", resourceId)
                    .field("site", heldTooLongSites.remove(resourceId))
                    .field("heldMillis", heldMillis);
            frames(line, "closedAt", frames);
            json.write(line.endObject().toString());
            if (shownHeldTooLong.remove(resourceId)) {
                HumanLog.info("connguard: resource #" + resourceId + " (reported as held too long) was closed after "
                        + HumanLog.held(heldMillis) + (frames.length > 0 ? " at " + Frames.format(frames[0]) : ""));
            }
        } catch (Throwable t) {
            internalError(t);
        } finally {
            summaryLock.readLock().unlock();
        }
    }

    @Override
    public void finished() {
        if (!finished.compareAndSet(false, true)) return;
        summaryLock.writeLock().lock();
        try {
            // one snapshot of the counts, so that the line and the log agree
            List<Map.Entry<Site, Long>> rows = new ArrayList<>();
            for (Site s : sites.values()) rows.add(Map.entry(s, s.count.get()));
            rows.sort(Comparator.comparing((Map.Entry<Site, Long> r) -> -r.getValue())
                                .thenComparing(r -> r.getKey().text()));
            Map<String, Long> kinds = new LinkedHashMap<>();
            for (String kind : KINDS) kinds.put(kind, 0L);
            long total = 0;
            for (Map.Entry<Site, Long> r : rows) {
                kinds.merge(r.getKey().kind, r.getValue(), Long::sum);
                total += r.getValue();
            }
            long ignoredTotal = 0;
            for (Map<String, LongAdder> perKind : ignored.values()) {
                for (LongAdder n : perKind.values()) ignoredTotal += n.sum();
            }
            json.write(summaryLine(rows, kinds, total, internalErrors.get(), ignoredTotal));
            for (Map.Entry<Site, Long> r : rows) {
                // a grouped site used more than its first block showed: every place, with counts
                if (r.getKey().groupsUses() && r.getValue() > 1) HumanLog.info(HumanLog.places(r.getKey().text(), r.getValue(), r.getKey()));
            }
            HumanLog.info(summaryText(kinds, total, rows.size(), ignoredTotal));
        } catch (Throwable t) {
            internalError(t);
        } finally {
            json.close();
            summaryLock.writeLock().unlock();
        }
    }

    private String summaryLine(List<Map.Entry<Site, Long>> rows, Map<String, Long> kinds, long total, long errors, long ignoredTotal) {
        Json line = new Json().beginObject()
                .field("type", "summary")
                .field("time", now())
                .field("findings", total)
                .field("internalErrors", errors)
                .name("kinds").beginObject();
        for (Map.Entry<String, Long> e : kinds.entrySet()) line.field(e.getKey(), e.getValue());
        line.endObject().name("sites").beginArray();
        for (Map.Entry<Site, Long> r : rows) {
            Site s = r.getKey();
            line.beginObject().field("site", s.text()).field("kind", s.kind).field("detectedBy", s.detectedBy)
                .field("count", r.getValue());
            if (s.groupsUses()) uses(line, s);
            line.endObject();
        }
        line.endArray();
        if (!ignored.isEmpty()) ignored(line, ignoredTotal);
        return line.endObject().toString();
    }

    /** {@code "ignored":{"findings":5,"patterns":[{"pattern":"LEAK:com.acme.legacy.*","kinds":{"LEAK":5}}]}}: every pattern, also one that matched nothing. */
    private void ignored(Json line, long total) {
        line.name("ignored").beginObject().field("findings", total).name("patterns").beginArray();
        for (Map.Entry<IgnorePattern, ConcurrentHashMap<String, LongAdder>> e : ignored.entrySet()) {
            line.beginObject().field("pattern", e.getKey().toString()).name("kinds").beginObject();
            for (Map.Entry<String, LongAdder> n : new TreeMap<>(e.getValue()).entrySet()) line.field(n.getKey(), n.getValue().sum());
            line.endObject().endObject();
        }
        line.endArray().endObject();
    }

    /** A grouped site's places: where, on what, how often, by which threads (the first few). */
    private static void uses(Json line, Site s) {
        line.name("uses").beginArray();
        for (Use u : s.places()) {
            line.beginObject().field("method", u.method).field("resource", u.resource);
            frames(line, "actedAt", u.actedAt);
            line.name("threads").beginArray();
            for (String t : u.threads()) line.value(t);
            line.endArray().field("count", u.count.get()).endObject();
        }
        line.endArray();
        if (s.elsewhere.get() > 0) line.field("usesElsewhere", s.elsewhere.get());
    }

    private String summaryText(Map<String, Long> kinds, long total, int siteCount, long ignoredTotal) {
        String hidden = ignoredTotal == 0 ? "" : "; " + ignoredTotal + " more left out by the ignore option";
        if (total == 0) return "connguard: no findings" + hidden + "; report: " + reportText();
        StringBuilder b = new StringBuilder("connguard: ").append(total).append(total == 1 ? " finding" : " findings")
                .append(" at ").append(siteCount).append(siteCount == 1 ? " site (" : " sites (");
        String sep = "";
        for (Map.Entry<String, Long> e : kinds.entrySet()) {
            if (e.getValue() == 0) continue;
            b.append(sep).append(e.getKey()).append(' ').append(e.getValue());
            sep = ", ";
        }
        return b.append(')').append(hidden).append("; report: ").append(reportText()).toString();
    }

    /**
     * Counts the error; the first one is logged in one line with its cause and written to the
     * report as an {@code internalError} line, the count goes into the summary.
     */
    @Override
    public void internalError(Throwable error) {
        if (internalErrors.incrementAndGet() != 1) return;
        try {
            String text = InternalErrorText.of(error);
            HumanLog.error("connguard internal error (further ones are only counted): " + text, null);
            summaryLock.readLock().lock();
            try {
                if (!finished.get()) {
                    json.write(new Json().beginObject().field("type", "internalError").field("time", now())
                            .field("error", text).endObject().toString());
                }
            } finally {
                summaryLock.readLock().unlock();
            }
        } catch (Throwable ignored) {
            // nowhere left to say it
        }
    }

    private String reportText() {
        return json.isOpen() ? json.file().toString() : json.file() + " (could not be written)";
    }

    /** Millisecond precision, like the findings' own times. */
    private static String now() {
        return UtcTime.format(System.currentTimeMillis());
    }
}
