package io.connguard.report;

import io.connguard.agent.Options;
import io.connguard.agent.SqlMode;
import io.connguard.runtime.Finding;
import io.connguard.runtime.FindingSink;
import io.connguard.runtime.ThreadInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Findings to the human log and the JSON lines report, deduplicated by site: the first occurrence
 * of a site is written in full, later ones only counted, and the summary at exit has the counts.
 * Called from inside the application's JDBC calls, so it never throws.
 */
public final class Reporter implements FindingSink {
    private final HumanLog log = new HumanLog();
    private final JsonLinesSink report;
    private final Path reportPath;
    private final SqlMode sqlMode;
    private final Map<String, Site> sites = new ConcurrentHashMap<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean errorLogged = new AtomicBoolean();

    public Reporter(Options options, String version) {
        this.reportPath = options.report();
        this.sqlMode = options.sql();
        this.report = new JsonLinesSink(reportPath, log.logger());
        report.write(new Json().field("type", "start").field("time", now()).field("version", version)
            .field("pid", ProcessHandle.current().pid()).field("java", System.getProperty("java.version"))
            .field("options", options.effective()));
        log.logger().info("connguard {} watching JDBC{}; report: {}", version, options.strict() ? " (mode=strict)" : "", reportPath);
    }

    @Override
    public void finding(Finding f) {
        try {
            if (finished.get()) return;
            String key = site(f);
            Site site = sites.computeIfAbsent(key, k -> new Site(f.kind, f.detectedBy));
            long count = site.count.incrementAndGet();
            if (count > 1) return;
            String url = UrlRedactor.redact(f.url);
            String sql = sql(f.sql);
            log.finding(f, url, sql);
            report.write(new Json().field("type", "finding").field("time", iso(f.time)).field("kind", f.kind)
                .field("detectedBy", f.detectedBy).field("resource", f.resource).field("resourceClass", f.resourceClass)
                .field("resourceId", f.resourceId).field("connectionId", f.connectionId).field("owner", thread(f.owner))
                .field("actor", thread(f.actor)).field("method", f.method).field("createdAt", Frames.format(f.createdAt))
                .field("actedAt", Frames.format(f.actedAt)).field("otherActor", thread(f.otherActor))
                .field("otherActedAt", Frames.format(f.otherActedAt)).field("url", url).field("sql", sql)
                .field("test", f.test).field("createdInTest", f.createdInTest)
                .field("site", key).field("count", count));
        } catch (Throwable t) {
            internalError(t);
        }
    }

    @Override
    public void closedAfterReport(long resourceId, long heldMillis, StackTraceElement[] closedAt) {
        try {
            if (finished.get()) return;
            report.write(new Json().field("type", "closedAfterReport").field("time", now()).field("resourceId", resourceId)
                .field("heldMillis", heldMillis).field("closedAt", Frames.format(closedAt)));
            log.logger().info("connguard: resource #{} reported HELD_TOO_LONG was closed after {} ms at {}",
                resourceId, heldMillis, Frames.first(closedAt));
        } catch (Throwable t) {
            internalError(t);
        }
    }

    @Override
    public void finished() {
        if (!finished.compareAndSet(false, true)) return;
        try {
            Map<String, Long> kinds = new LinkedHashMap<>();
            List<Map.Entry<String, Site>> bySite = new ArrayList<>(sites.entrySet());
            bySite.sort((a, b) -> Long.compare(b.getValue().count.get(), a.getValue().count.get()));
            StringBuilder siteList = new StringBuilder("[");
            long total = 0;
            for (Map.Entry<String, Site> e : bySite) {
                Site s = e.getValue();
                long n = s.count.get();
                total += n;
                kinds.merge(s.kind, n, Long::sum);
                if (siteList.length() > 1) siteList.append(',');
                siteList.append(new Json().field("site", e.getKey()).field("kind", s.kind).field("detectedBy", s.detectedBy).field("count", n));
            }
            report.write(new Json().field("type", "summary").field("time", now()).field("findings", total)
                .field("kinds", kinds).raw("sites", siteList.append(']').toString()));
            if (total == 0) {
                log.logger().info("connguard: no findings; report: {}", reportPath);
            } else {
                StringBuilder k = new StringBuilder();
                kinds.forEach((kind, n) -> k.append(k.length() == 0 ? "" : ", ").append(kind).append(' ').append(n));
                log.logger().info("connguard: {} findings at {} sites ({}); report: {}", total, bySite.size(), k, reportPath);
            }
        } catch (Throwable t) {
            internalError(t);
        }
    }

    @Override
    public void internalError(Throwable error) {
        try {
            if (errorLogged.compareAndSet(false, true)) {
                log.logger().error("connguard internal error (further ones are not logged); the application is not affected", error);
            }
        } catch (Throwable ignored) {
            // nothing left to tell it to
        }
    }

    /** The dedup key: kind, how a leak was found, and the first application frame of each stack. */
    static String site(Finding f) {
        StringBuilder s = new StringBuilder(f.kind);
        if (f.detectedBy != null) s.append('/').append(f.detectedBy);
        s.append(' ').append(f.resource).append(" at ").append(Frames.first(f.createdAt));
        if (f.actedAt != null) s.append(" -> ").append(Frames.first(f.actedAt));
        return s.toString();
    }

    private String sql(String raw) {
        if (raw == null) return null;
        switch (sqlMode) {
            case RAW: return raw;
            case OFF: return null;
            default: return SqlSanitizer.sanitize(raw);
        }
    }

    private static Json thread(ThreadInfo t) {
        return t == null ? null : new Json().field("name", t.name).field("id", t.id).field("virtual", t.virtual);
    }

    private static String now() {
        return Instant.now().toString();
    }

    private static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    private static final class Site {
        final String kind;
        final String detectedBy;
        final AtomicLong count = new AtomicLong();

        Site(String kind, String detectedBy) {
            this.kind = kind;
            this.detectedBy = detectedBy;
        }
    }
}
