package io.connguard.cli;

import java.util.List;

/** The terminal summary: one block per site, worst first, with the stacks that locate it. */
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
            return out.toString();
        }
        out.append(plural(findings, "finding")).append(" at ").append(plural(r.sites.size(), "site"))
           .append(" in ").append(plural(r.files.size(), "report")).append(" (").append(r.kindsLine()).append(")\n");
        int n = 0;
        for (Site s : r.sites) {
            out.append('\n');
            out.append(String.format("#%d %s  x%d", ++n, s.title(), s.count));
            if (s.resource != null) out.append("  ").append(s.resource);
            if (s.resourceClass != null) out.append(' ').append(s.resourceClass);
            out.append('\n');
            if (!s.hasDetails) {
                out.append("    site ").append(s.key).append('\n');
                out.append("    (no details: the finding line of this site was not readable)\n");
                continue;
            }
            if (s.url != null) out.append("    url ").append(s.url).append('\n');
            if (s.sql != null) out.append("    sql ").append(s.sql).append('\n');
            boolean leak = Kind.LEAK.name().equals(s.kind);
            if (s.test != null) out.append("    during test ").append(s.test).append('\n');
            if (s.createdInTest != null && !s.createdInTest.equals(s.test)) out.append("    opened in test ").append(s.createdInTest).append('\n');
            out.append("    owned by ").append(s.owner == null ? "?" : s.owner);
            if (!s.connectionCreatedAt.isEmpty()) {
                if (s.createdAt.isEmpty()) {
                    out.append("\n    (only its connection's stack is known) its connection ").append(openedText(s)).append(" at\n");
                } else {
                    out.append(", created at\n");
                    stack(out, s.createdAt);
                    out.append("    its connection ").append(openedText(s)).append(" at\n");
                }
                stack(out, s.connectionCreatedAt);
            } else {
                out.append(", ").append(Kind.NESTED_ACQUIRE.name().equals(s.kind) ? "borrowed" : openedText(s)).append(" at\n");
                stack(out, s.createdAt);
            }
            if (s.uses.size() > 1 || !s.uses.isEmpty() && s.count > 1) { // one use is the "first used by" below
                out.append("    used from ").append(plural(s.uses.size(), "place")).append(":\n");
                for (Site.Use u : s.uses.values()) out.append("        ").append(u.where()).append(": ").append(u.tally()).append('\n');
            }
            if (leak) {
                out.append("    ").append(s.leakReason()).append('\n');
            } else if (Kind.NESTED_ACQUIRE.name().equals(s.kind) || Kind.TRANSACTION_LEFT_OPEN.name().equals(s.kind)) {
                out.append(Kind.NESTED_ACQUIRE.name().equals(s.kind) ? "    borrowed again from " + s.poolText() + " by "
                    : "    closed with uncommitted writes by ").append(s.actor == null ? "?" : s.actor).append('\n');
                stack(out, s.actedAt);
            } else if (s.actor != null) {
                out.append(Kind.WRONG_THREAD_CLOSE.name().equals(s.kind) ? "    closed by "
                    : s.uses.isEmpty() ? "    used by " : "    first used by ")
                   .append(s.actor);
                if (s.method != null) out.append(" in ").append(s.method);
                out.append('\n');
                stack(out, s.actedAt);
            }
            if (Kind.USE_AFTER_CLOSE.name().equals(s.kind)) {
                out.append("    after ").append(s.closedBy == null ? "?" : s.closedBy).append(" closed it");
                if (s.closedTime != null) out.append(" at ").append(s.closedTime);
                out.append(s.closedAt.isEmpty() ? " (where: run with stacks=all)\n" : ", in\n");
                if (!s.closedAt.isEmpty()) stack(out, s.closedAt);
            }
            if (s.otherActor != null) {
                out.append("    while ").append(s.otherActor).append(" was inside\n");
                stack(out, s.otherActedAt);
            }
            if (s.closedLater > 0) {
                out.append("    ").append(s.closedLater).append(" closed later, held up to ").append(s.maxHeldMillis)
                   .append(" ms: slow rather than leaked\n");
            }
            if (r.files.size() > 1) {
                out.append("    in ").append(s.reports.size()).append(" of ").append(r.files.size()).append(" reports\n");
            }
        }
        return out.toString();
    }

    /** "opened", or who took the connection for whom when a framework opened it. */
    static String openedText(Site s) {
        if (s.openedBy == null) return "opened";
        return "taken by " + s.openedBy + (s.openedFor == null ? "" : " for " + s.openedFor);
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
