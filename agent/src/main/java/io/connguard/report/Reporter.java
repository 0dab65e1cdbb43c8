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

import io.connguard.options.IgnorePattern;
import io.connguard.options.Options;
import io.connguard.options.SqlMode;
import io.connguard.contract.Field;
import io.connguard.contract.Kind;
import io.connguard.contract.LineType;
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
    /** A JVM image linked without jdk.jfr cannot load {@link FindingEvent}; don't let that cost the report. */
    private static final boolean JFR = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private final Options options;
    private final HumanLog human;
    private final JsonLinesSink json;
    private final ConcurrentHashMap<SiteKey, SiteKey> sites = new ConcurrentHashMap<>();
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
        JsonLine line = new JsonLine().beginObject()
                .field(Field.TYPE, LineType.START)
                .field(Field.TIME, now())
                .field(Field.VERSION, version)
                .field(Field.PID, ProcessHandle.current().pid())
                .field(Field.JAVA, System.getProperty("java.version"))
                .name(Field.OPTIONS).beginObject();
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
            SiteKey probe = new SiteKey(f);
            if (JFR) FindingEvent.emit(f, probe);
            if (Finding.HELD_TOO_LONG.equals(probe.detectedBy)) heldTooLongSites.put(f.resourceId, probe.text());
            SiteKey known = sites.putIfAbsent(probe, probe);
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
    private void usedElsewhere(SiteKey site, Finding f) {
        String sql = shownSql(f.sql, f.url);
        human.use(f, sql);
        JsonLine line = new JsonLine().beginObject()
                .field(Field.TYPE, LineType.USE)
                .field(Field.TIME, UtcTime.format(f.time))
                .field(Field.KIND, f.kind)
                .field(Field.SITE, site.text())
                .field(Field.RESOURCE, f.resource)
                .field(Field.RESOURCE_CLASS, f.resourceClass)
                .field(Field.RESOURCE_ID, f.resourceId)
                .field(Field.METHOD, f.method);
        thread(line, Field.OWNER, f.owner);
        thread(line, Field.ACTOR, f.actor);
        frames(line, Field.CREATED_AT, FrameFormat.orNone(f.createdAt));
        frames(line, Field.ACTED_AT, FrameFormat.orNone(f.actedAt));
        thread(line, Field.OTHER_ACTOR, f.otherActor);
        if (f.otherActedAt != null) frames(line, Field.OTHER_ACTED_AT, f.otherActedAt);
        json.write(line.field(Field.URL, UrlRedactor.redact(f.url)).field(Field.SQL, sql).field(Field.TEST, f.test).endObject().toString());
    }

    /** The statement text as the {@code sql} option says, read as {@code url}'s database; null when there is none or it is off. */
    private String shownSql(String sql, String url) {
        if (sql == null || options.sql() == SqlMode.OFF) return null;
        return options.sql() == SqlMode.RAW ? sql : SqlSanitizer.sanitize(sql, url);
    }

    private static String findingLine(Finding f, String site, String url, String sql) {
        JsonLine line = new JsonLine().beginObject()
                .field(Field.TYPE, LineType.FINDING)
                .field(Field.TIME, UtcTime.format(f.time))
                .field(Field.KIND, f.kind);
        if (Finding.LEAK.equals(f.kind)) line.field(Field.DETECTED_BY, f.detectedBy);
        line.field(Field.RESOURCE, f.resource)
            .field(Field.RESOURCE_CLASS, f.resourceClass)
            .field(Field.RESOURCE_ID, f.resourceId)
            .field(Field.CONNECTION_ID, f.connectionId);
        thread(line, Field.OWNER, f.owner);
        thread(line, Field.ACTOR, f.actor);
        line.field(Field.METHOD, f.method);
        frames(line, Field.CREATED_AT, FrameFormat.orNone(f.createdAt));
        if (f.connectionCreatedAt != null) frames(line, Field.CONNECTION_CREATED_AT, f.connectionCreatedAt);
        line.field(Field.OPENED_BY, f.openedBy).field(Field.OPENED_FOR, f.openedFor);
        if (f.actedAt != null) frames(line, Field.ACTED_AT, f.actedAt);
        thread(line, Field.OTHER_ACTOR, f.otherActor);
        if (f.otherActedAt != null) frames(line, Field.OTHER_ACTED_AT, f.otherActedAt);
        if (f.poolClass != null) line.name(Field.POOL).beginObject().field(Field.POOL_CLASS, f.poolClass).field(Field.POOL_NAME, f.poolName).endObject();
        thread(line, Field.CLOSED_BY, f.closedBy);
        if (f.closedAt != null) frames(line, Field.CLOSED_AT, f.closedAt);
        if (f.closedTime > 0) line.field(Field.CLOSED_TIME, UtcTime.format(f.closedTime));
        return line.field(Field.URL, url)
                   .field(Field.SQL, sql)
                   .field(Field.TEST, f.test)
                   .field(Field.CREATED_IN_TEST, f.createdInTest)
                   .field(Field.SITE, site)
                   .field(Field.COUNT, 1)
                   .endObject().toString();
    }

    private static String countLine(String site, long count) {
        return new JsonLine().beginObject()
                .field(Field.TYPE, LineType.COUNT)
                .field(Field.TIME, now())
                .field(Field.SITE, site)
                .field(Field.COUNT, count)
                .endObject().toString();
    }

    private static void thread(JsonLine line, String name, ThreadInfo t) {
        if (t == null) return;
        line.name(name).beginObject().field(Field.THREAD_NAME, t.name).field(Field.THREAD_ID, t.id).field(Field.THREAD_VIRTUAL, t.virtual).endObject();
    }

    private static void frames(JsonLine line, String name, StackTraceElement[] frames) {
        line.name(name).beginArray();
        for (StackTraceElement e : frames) line.value(FrameFormat.format(e));
        line.endArray();
    }

    @Override
    public void closedAfterReport(long resourceId, long heldMillis, StackTraceElement[] closedAt) {
        summaryLock.readLock().lock();
        try {
            if (finished.get()) return;
            StackTraceElement[] frames = FrameFormat.orNone(closedAt);
            JsonLine line = new JsonLine().beginObject()
                    .field(Field.TYPE, LineType.CLOSED_AFTER_REPORT)
                    .field(Field.TIME, now())
                    .field(Field.RESOURCE_ID, resourceId)
                    .field(Field.SITE, heldTooLongSites.remove(resourceId))
                    .field(Field.HELD_MILLIS, heldMillis);
            frames(line, Field.CLOSED_AT, frames);
            json.write(line.endObject().toString());
            if (shownHeldTooLong.remove(resourceId)) {
                HumanLog.info("connguard: resource #" + resourceId + " (reported as held too long) was closed after "
                        + HumanLog.held(heldMillis) + (frames.length > 0 ? " at " + FrameFormat.format(frames[0]) : ""));
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
            List<Map.Entry<SiteKey, Long>> rows = new ArrayList<>();
            for (SiteKey s : sites.values()) rows.add(Map.entry(s, s.count.get()));
            rows.sort(Comparator.comparing((Map.Entry<SiteKey, Long> r) -> -r.getValue())
                                .thenComparing(r -> r.getKey().text()));
            Map<String, Long> kinds = new LinkedHashMap<>();
            for (Kind kind : Kind.values()) kinds.put(kind.json, 0L);
            long total = 0;
            for (Map.Entry<SiteKey, Long> r : rows) {
                kinds.merge(r.getKey().kind, r.getValue(), Long::sum);
                total += r.getValue();
            }
            long ignoredTotal = 0;
            for (Map<String, LongAdder> perKind : ignored.values()) {
                for (LongAdder n : perKind.values()) ignoredTotal += n.sum();
            }
            json.write(summaryLine(rows, kinds, total, internalErrors.get(), ignoredTotal));
            for (Map.Entry<SiteKey, Long> r : rows) {
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

    private String summaryLine(List<Map.Entry<SiteKey, Long>> rows, Map<String, Long> kinds, long total, long errors, long ignoredTotal) {
        JsonLine line = new JsonLine().beginObject()
                .field(Field.TYPE, LineType.SUMMARY)
                .field(Field.TIME, now())
                .field(Field.FINDINGS, total)
                .field(Field.INTERNAL_ERRORS, errors)
                .name(Field.KINDS).beginObject();
        for (Map.Entry<String, Long> e : kinds.entrySet()) line.field(e.getKey(), e.getValue());
        line.endObject().name(Field.SITES).beginArray();
        for (Map.Entry<SiteKey, Long> r : rows) {
            SiteKey s = r.getKey();
            line.beginObject().field(Field.SITE, s.text()).field(Field.KIND, s.kind).field(Field.DETECTED_BY, s.detectedBy)
                .field(Field.COUNT, r.getValue());
            if (s.groupsUses()) uses(line, s);
            line.endObject();
        }
        line.endArray();
        if (!ignored.isEmpty()) ignored(line, ignoredTotal);
        return line.endObject().toString();
    }

    /** {@code "ignored":{"findings":5,"patterns":[{"pattern":"LEAK:com.acme.legacy.*","kinds":{"LEAK":5}}]}}: every pattern, also one that matched nothing. */
    private void ignored(JsonLine line, long total) {
        line.name(Field.IGNORED).beginObject().field(Field.FINDINGS, total).name(Field.PATTERNS).beginArray();
        for (Map.Entry<IgnorePattern, ConcurrentHashMap<String, LongAdder>> e : ignored.entrySet()) {
            line.beginObject().field(Field.PATTERN, e.getKey().toString()).name(Field.KINDS).beginObject();
            for (Map.Entry<String, LongAdder> n : new TreeMap<>(e.getValue()).entrySet()) line.field(n.getKey(), n.getValue().sum());
            line.endObject().endObject();
        }
        line.endArray().endObject();
    }

    /** A grouped site's places: where, on what, how often, by which threads (the first few). */
    private static void uses(JsonLine line, SiteKey s) {
        line.name(Field.USES).beginArray();
        for (Use u : s.places()) {
            line.beginObject().field(Field.METHOD, u.method).field(Field.RESOURCE, u.resource);
            frames(line, Field.ACTED_AT, u.actedAt);
            line.name(Field.THREADS).beginArray();
            for (String t : u.threads()) line.value(t);
            line.endArray().field(Field.COUNT, u.count.get()).endObject();
        }
        line.endArray();
        if (s.elsewhere.get() > 0) line.field(Field.USES_ELSEWHERE, s.elsewhere.get());
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
                    json.write(new JsonLine().beginObject().field(Field.TYPE, LineType.INTERNAL_ERROR).field(Field.TIME, now())
                            .field(Field.ERROR, text).endObject().toString());
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
