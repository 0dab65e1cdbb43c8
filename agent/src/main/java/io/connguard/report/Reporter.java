package io.connguard.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.connguard.contract.Kind;
import io.connguard.options.IgnorePattern;
import io.connguard.options.Options;
import io.connguard.runtime.Config;
import io.connguard.runtime.Finding;
import io.connguard.runtime.FindingSink;

/**
 * Findings → dedup ({@link SiteTable}) → human log ({@link HumanLog}) and JSON lines report
 * ({@link FindingLines}, {@link SummaryLine}). It is called from inside the application's JDBC
 * calls, so it never throws (errors go to {@link #internalError} once) and a repeated site costs one
 * map lookup and one increment.
 *
 * <p>The summary is the last thing written: findings and closes are written under the read side of
 * one lock, the summary under its write side, so a finding in progress when the JVM exits is
 * written (and counted) before the summary, and one that comes later is dropped, not written after it.
 */
public final class Reporter implements FindingSink {
    private final HumanLog human;
    private final JsonLinesSink json;
    private final SqlPolicy sql;
    private final SiteTable sites = new SiteTable();
    private final HeldTooLong heldTooLong = new HeldTooLong();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final ReentrantReadWriteLock summaryLock = new ReentrantReadWriteLock();
    /** connguard's own errors: each one lost some detection, so they are counted into the summary. */
    private final AtomicLong internalErrors = new AtomicLong();
    private final IgnoreCounts ignore;

    /**
     * Writes the {@code start} line into {@code report}, the file {@code options} names, opened
     * ({@link JsonLinesSink#open}); {@code agentVersion} goes into that line.
     */
    public Reporter(Options options, JsonLinesSink report, String agentVersion) {
        this.human = new HumanLog(options.leakThresholdMillis());
        this.json = report;
        this.sql = new SqlPolicy(options.sql());
        this.ignore = new IgnoreCounts(options.ignore());
        try {
            json.write(FindingLines.start(agentVersion, options.effective(Config.KNOWN_POOLS)));
            HumanLog.info("connguard " + agentVersion + " watching JDBC" + (options.strict() ? " (mode=strict)" : "")
                    + "; report: " + reportText());
        } catch (Throwable t) {
            internalError(t);
        }
    }

    @Override
    public boolean finding(Finding f) {
        summaryLock.readLock().lock();
        try {
            if (finished.get()) return true;
            IgnorePattern pattern = ignore.matching(f);
            if (pattern != null) {
                // left out by the user's choice, but counted: the summary says how many each pattern hid
                ignore.count(pattern, f.kind);
                return false;
            }
            SiteKey probe = new SiteKey(f);
            Jfr.emit(f, probe);
            boolean heldLong = Finding.HELD_TOO_LONG.equals(probe.detectedBy);
            if (heldLong) heldTooLong.reported(f.resourceId, probe.text());
            SiteKey known = sites.putIfAbsent(probe);
            if (known != null) {
                repeated(known, f);
                return true;
            }
            String url = UrlRedactor.redact(f.url);
            String shownSql = sql.shown(f.sql, f.url);
            human.finding(f, url, shownSql);
            json.write(FindingLines.finding(f, probe.text(), url, shownSql));
            if (heldLong) heldTooLong.shown(f.resourceId);
        } catch (Throwable t) {
            internalError(t);
        } finally {
            summaryLock.readLock().unlock();
        }
        return true;
    }

    /** A site seen again: counted, and for a grouped site a new place is put on record. */
    private void repeated(SiteKey known, Finding f) {
        long n = known.count.incrementAndGet();
        // at 2, 4, 8, ...: a JVM killed before its summary still leaves counts within a factor of two
        if ((n & (n - 1)) == 0) json.write(FindingLines.count(known.text(), n));
        if (known.groupsUses() && known.use(f) != null) usedElsewhere(known, f);
    }

    /**
     * A grouped site's connection used from a new place: one log line and one {@code use} line,
     * so that every place is on record as it happens; the summary has the counts.
     */
    private void usedElsewhere(SiteKey site, Finding f) {
        String shownSql = sql.shown(f.sql, f.url);
        human.use(f, shownSql);
        json.write(FindingLines.use(f, site.text(), UrlRedactor.redact(f.url), shownSql));
    }

    @Override
    public void closedAfterReport(long resourceId, long heldMillis, StackTraceElement[] closedAt) {
        summaryLock.readLock().lock();
        try {
            if (finished.get()) return;
            StackTraceElement[] frames = FrameFormat.orNone(closedAt);
            json.write(FindingLines.closedAfterReport(resourceId, heldTooLong.closedSite(resourceId), heldMillis, frames));
            if (heldTooLong.closedShown(resourceId)) {
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
            List<Map.Entry<SiteKey, Long>> rows = sites.snapshot();
            Map<String, Long> kinds = new LinkedHashMap<>();
            for (Kind kind : Kind.values()) kinds.put(kind.json, 0L);
            long total = 0;
            for (Map.Entry<SiteKey, Long> r : rows) {
                kinds.merge(r.getKey().kind, r.getValue(), Long::sum);
                total += r.getValue();
            }
            long ignoredTotal = ignore.total();
            json.write(SummaryLine.of(rows, kinds, total, internalErrors.get(), ignore, ignoredTotal));
            for (Map.Entry<SiteKey, Long> r : rows) {
                // a grouped site used more than its first block showed: every place, with counts
                if (r.getKey().groupsUses() && r.getValue() > 1) HumanLog.info(HumanLog.places(r.getKey().text(), r.getValue(), r.getKey()));
            }
            HumanLog.info(SummaryText.of(kinds, total, rows.size(), ignoredTotal, reportText()));
        } catch (Throwable t) {
            internalError(t);
        } finally {
            json.close();
            summaryLock.writeLock().unlock();
        }
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
                if (!finished.get()) json.write(FindingLines.internalError(text));
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
}
