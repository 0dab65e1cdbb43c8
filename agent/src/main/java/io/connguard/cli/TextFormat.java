package io.connguard.cli;

import io.connguard.contract.Kind;
import io.connguard.contract.Verbs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The terminal summary: one block per site, worst first, with the stacks that locate it. With a
 * baseline, the sites it knows come after the new ones, one line each, and its sites no longer
 * seen are listed as fixed: a legacy code base's hundred known sites must not hide the one new.
 */
final class TextFormat {
    /** Enough frames to see the application's call path without scrolling past the framework's. */
    static final int FRAMES = 8;

    private TextFormat() {}

    static String write(MergedReport r) {
        StringBuilder out = new StringBuilder();
        out.append("connguard report: ");
        long findings = r.findings();
        if (findings == 0) {
            out.append("no findings in ").append(plural(r.files.size(), "report")).append('\n');
            internalErrors(out, r);
            ignored(out, r);
            fixed(out, r);
            return out.toString();
        }
        out.append(plural(findings, "finding")).append(" at ").append(plural(r.sites.size(), "site"))
           .append(" in ").append(plural(r.files.size(), "report")).append(" (").append(r.kindsLine()).append(")\n");
        internalErrors(out, r);
        ignored(out, r);
        if (r.baselineName != null) {
            long known = r.knownSites();
            out.append("baseline ").append(r.baselineName).append(": ").append(plural(r.sites.size() - known, "new site")).append(", ")
               .append(known).append(" known, ").append(r.fixed.size()).append(" fixed\n");
        }
        int n = 0;
        for (MergedSite s : r.sites) {
            if (s.baselined) continue;
            ReportedFinding f = s.finding;
            out.append('\n');
            out.append(String.format("#%d %s  x%d", ++n, SiteWording.title(s), s.count));
            if (f.resource != null) out.append("  ").append(f.resource);
            if (f.resourceClass != null) out.append(' ').append(f.resourceClass);
            out.append('\n');
            if (!s.hasDetails()) {
                out.append("    site ").append(s.key).append('\n');
                out.append("    (no details: the finding line of this site was not readable)\n");
                continue;
            }
            if (f.url != null) out.append("    url ").append(f.url).append('\n');
            if (f.sql != null) out.append("    sql ").append(f.sql).append('\n');
            boolean leak = Kind.Names.LEAK.equals(s.kind);
            if (f.test != null) out.append("    during test ").append(f.test).append('\n');
            if (f.createdInTest != null && !f.createdInTest.equals(f.test)) out.append("    opened in test ").append(f.createdInTest).append('\n');
            out.append("    owned by ").append(f.owner == null ? "?" : f.owner);
            if (!f.connectionCreatedAt.isEmpty()) {
                if (f.createdAt.isEmpty()) {
                    out.append("\n    (only its connection's stack is known) its connection ").append(SiteWording.openedText(f)).append(" at\n");
                } else {
                    out.append(", created at\n");
                    stack(out, f.createdAt);
                    out.append("    its connection ").append(SiteWording.openedText(f)).append(" at\n");
                }
                stack(out, f.connectionCreatedAt);
            } else {
                out.append(", ").append(Kind.Names.NESTED_ACQUIRE.equals(s.kind) ? "borrowed" : SiteWording.openedText(f)).append(" at\n");
                stack(out, f.createdAt);
            }
            if (s.uses.size() > 1 || !s.uses.isEmpty() && s.count > 1) { // one use is the "first used by" below
                out.append("    used from ").append(plural(s.uses.size(), "place")).append(":\n");
                for (SiteUse u : s.uses.values()) out.append("        ").append(SiteWording.where(u)).append(": ").append(SiteWording.tally(u)).append('\n');
            }
            if (leak) {
                out.append("    ").append(SiteWording.leakReason(s)).append('\n');
            } else if (Kind.Names.NESTED_ACQUIRE.equals(s.kind) || Kind.Names.TRANSACTION_LEFT_OPEN.equals(s.kind)) {
                out.append(Kind.Names.NESTED_ACQUIRE.equals(s.kind) ? "    borrowed again from " + SiteWording.poolText(f) + " by "
                    : "    closed with uncommitted writes by ").append(f.actor == null ? "?" : f.actor).append('\n');
                stack(out, f.actedAt);
            } else if (f.actor != null) {
                out.append(Kind.Names.WRONG_THREAD_CLOSE.equals(s.kind) ? "    " + Verbs.CLOSED_BY + " "
                    : s.uses.isEmpty() ? "    " + Verbs.USED_BY + " " : "    first " + Verbs.USED_BY + " ")
                   .append(f.actor);
                if (f.method != null) out.append(" in ").append(f.method);
                out.append('\n');
                stack(out, f.actedAt);
            }
            if (Kind.Names.USE_AFTER_CLOSE.equals(s.kind)) {
                out.append("    after ").append(f.closedBy == null ? "?" : f.closedBy).append(" closed it");
                if (f.closedTime != null) out.append(" at ").append(f.closedTime);
                out.append(f.closedAt.isEmpty() ? " (where: run with stacks=all)\n" : ", in\n");
                if (!f.closedAt.isEmpty()) stack(out, f.closedAt);
            }
            if (f.otherActor != null) {
                out.append("    while ").append(f.otherActor).append(" was inside\n");
                stack(out, f.otherActedAt);
            }
            if (s.closedLater > 0) {
                out.append("    ").append(s.closedLater).append(" closed later, held up to ").append(s.maxHeldMillis)
                   .append(" ms: slow rather than leaked\n");
            }
            if (r.files.size() > 1) {
                out.append("    in ").append(s.reports.size()).append(" of ").append(r.files.size()).append(" reports\n");
            }
        }
        known(out, r);
        fixed(out, r);
        return out.toString();
    }

    /** The sites the baseline knows: one line each, as title, count and where. */
    private static void known(StringBuilder out, MergedReport r) {
        long known = r.knownSites();
        if (known == 0) return;
        out.append("\nin the baseline (known, not failing the gate): ").append(plural(known, "site")).append('\n');
        for (MergedSite s : r.sites) {
            if (!s.baselined) continue;
            ReportedFrame at = s.location();
            out.append("    ").append(SiteWording.title(s)).append("  x").append(s.count);
            if (s.finding.resource != null) out.append("  ").append(s.finding.resource);
            if (at == null) out.append(" at ").append(s.key);
            else out.append(" at ").append(at.className).append('.').append(at.method).append('(').append(at.file)
                    .append(at.line > 0 ? ":" + at.line : "").append(')');
            out.append('\n');
        }
    }

    /** The agent's own errors, with the first of each run: a report that may have missed findings must say so first. */
    private static void internalErrors(StringBuilder out, MergedReport r) {
        if (r.internalErrors == 0) return;
        out.append(r.internalErrorsLine()).append('\n');
        for (String text : r.internalErrorTexts) out.append("    ").append(text).append('\n');
    }

    /**
     * "left out by the agent's ignore option: 3 findings (com.acme.legacy.*: LEAK 3)": hidden, never
     * silently; and the patterns that left out nothing in any run, which may be typos.
     */
    private static void ignored(StringBuilder out, MergedReport r) {
        List<String> unmatched = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> p : r.ignored.entrySet()) {
            if (p.getValue().isEmpty()) unmatched.add(p.getKey());
        }
        if (!unmatched.isEmpty()) out.append("ignore patterns that left out nothing: ").append(String.join("; ", unmatched)).append('\n');
        long n = r.ignoredFindings();
        if (n == 0) return;
        out.append("left out by the agent's ignore option: ").append(plural(n, "finding")).append(" (");
        String sep = "";
        for (Map.Entry<String, Map<String, Long>> p : r.ignored.entrySet()) {
            if (p.getValue().isEmpty()) continue;
            out.append(sep).append(p.getKey()).append(':');
            String kinds = " ";
            for (Map.Entry<String, Long> k : p.getValue().entrySet()) {
                out.append(kinds).append(k.getKey()).append(' ').append(k.getValue());
                kinds = ", ";
            }
            sep = "; ";
        }
        out.append(")\n");
    }

    private static void fixed(StringBuilder out, MergedReport r) {
        if (r.fixed.isEmpty()) return;
        out.append("\nfixed since the baseline (no longer seen): ").append(plural(r.fixed.size(), "site")).append('\n');
        for (Baseline.Entry e : r.fixed) out.append("    ").append(e.identity).append('\n');
    }

    private static void stack(StringBuilder out, List<String> frames) {
        if (frames.isEmpty()) {
            out.append("        (no stack recorded)\n");
            return;
        }
        int shown = Math.min(FRAMES, frames.size());
        for (int i = 0; i < shown; i++) out.append("        ").append(frames.get(i)).append('\n');
        if (frames.size() > shown) out.append("        ... ").append(frames.size() - shown).append(" more\n");
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
