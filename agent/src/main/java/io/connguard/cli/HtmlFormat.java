package io.connguard.cli;

import io.connguard.contract.Kind;
import java.util.List;
import java.util.Map;

/**
 * One static page, styles inline, no script: it opens from a CI artifact or a mail attachment.
 * Every piece of report text is escaped; thread names, SQL and URLs come from the application.
 */
final class HtmlFormat {
    private static final String CSS = String.join("\n",
        "body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1f2328}",
        "h1{font-size:1.4rem;margin:0 0 .25rem}",
        ".meta{color:#59636e;margin:0 0 1rem}",
        "table.kinds{border-collapse:collapse;margin:0 0 1.5rem}",
        "table.kinds td,table.kinds th{border:1px solid #d1d9e0;padding:.25rem .75rem;text-align:left}",
        "section{border:1px solid #d1d9e0;border-left-width:6px;border-radius:6px;padding:.75rem 1rem;margin:0 0 1rem}",
        "section.error{border-left-color:#cf222e}",
        "section.warning{border-left-color:#bf8700}",
        "h2{font-size:1.05rem;margin:0 0 .5rem}",
        ".count{float:right;font-weight:600}",
        "dl{display:grid;grid-template-columns:max-content auto;gap:.15rem 1rem;margin:.25rem 0 .5rem}",
        "dt{color:#59636e}",
        "dd{margin:0;word-break:break-all}",
        "pre{background:#f6f8fa;padding:.5rem .75rem;border-radius:4px;overflow-x:auto;margin:.25rem 0 .5rem;font-size:12.5px}",
        "summary{cursor:pointer;color:#0969da}",
        "code{font-size:12.5px}");

    private HtmlFormat() {}

    static String write(MergedReport r) {
        StringBuilder out = new StringBuilder(8192);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
           .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
           .append("<title>connguard report</title>\n<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n");
        out.append("<h1>connguard report</h1>\n<p class=\"meta\">");
        long findings = r.findings();
        if (findings == 0) out.append("No findings");
        else out.append(esc(TextFormat.plural(findings, "finding"))).append(" at ").append(esc(TextFormat.plural(r.sites.size(), "site")));
        out.append(" in ").append(esc(TextFormat.plural(r.files.size(), "report")));
        if (!r.agentVersions.isEmpty()) out.append("; agent ").append(esc(String.join(", ", r.agentVersions)));
        out.append(".</p>\n");
        if (r.internalErrors > 0) {
            out.append("<section class=\"error\"><h2>").append(esc(r.internalErrorsLine())).append("</h2>\n");
            for (String text : r.internalErrorTexts) out.append("<pre>").append(esc(text)).append("</pre>\n");
            out.append("</section>\n");
        }
        if (r.baselineName != null) {
            out.append("<p class=\"meta\">Baseline <code>").append(esc(r.baselineName)).append("</code>: ")
               .append(esc(TextFormat.plural(r.sites.size() - r.knownSites(), "new site"))).append(", ").append(r.knownSites())
               .append(" known (marked &ldquo;in the baseline&rdquo;), ").append(r.fixed.size()).append(" fixed.</p>\n");
        }
        if (findings > 0) {
            out.append("<table class=\"kinds\">\n<tr><th>kind</th><th>findings</th></tr>\n");
            for (Map.Entry<String, Long> e : r.kinds().entrySet()) {
                out.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(e.getValue()).append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        int n = 0;
        for (MergedSite s : r.sites) {
            ReportedFinding f = s.finding;
            Kind kind = Kind.of(s.kind);
            out.append("<section class=\"").append(kind == null ? "warning" : kind.level).append("\" id=\"site-").append(++n).append("\">\n");
            out.append("<h2><span class=\"count\">&times; ").append(s.count).append("</span>#").append(n).append(' ')
               .append(esc(SiteWording.title(s)));
            if (f.resource != null) out.append(" &middot; ").append(esc(f.resource));
            if (s.baselined) out.append(" &middot; in the baseline");
            out.append("</h2>\n<p>").append(esc(SiteWording.message(s))).append("</p>\n<dl>\n");
            term(out, "site", s.key);
            term(out, "resource class", f.resourceClass);
            term(out, "owner", f.owner == null ? null : f.owner.toString());
            if (!Kind.Names.LEAK.equals(s.kind)) term(out, "offending", f.actor == null ? null : f.actor.toString());
            term(out, "method", f.method);
            term(out, "other", f.otherActor == null ? null : f.otherActor.toString());
            term(out, "test", f.test);
            term(out, "opened in test", f.createdInTest);
            term(out, "taken by", f.openedBy);
            term(out, "for", f.openedFor);
            if (f.poolClass != null) term(out, "pool", SiteWording.poolText(f));
            term(out, "closed by", f.closedBy == null ? null : f.closedBy.toString());
            term(out, "closed", f.closedTime);
            term(out, "url", f.url);
            term(out, "sql", f.sql);
            if (s.closedLater > 0) term(out, "closed later", s.closedLater + " (held up to " + s.maxHeldMillis + " ms)");
            if (r.files.size() > 1) term(out, "reports", String.join(", ", s.reports));
            out.append("</dl>\n");
            boolean statement = !f.connectionCreatedAt.isEmpty();
            stack(out, statement ? "created at" : Kind.Names.NESTED_ACQUIRE.equals(s.kind) ? "borrowed at" : "opened at", f.createdAt);
            stack(out, f.onlyConnectionKnown() ? "its connection opened at (only its connection's stack is known)" : "its connection opened at",
                f.connectionCreatedAt);
            if (!s.uses.isEmpty()) {
                out.append("<div>used from ").append(esc(TextFormat.plural(s.uses.size(), "place"))).append("\n<ul>\n");
                for (SiteUse u : s.uses.values()) {
                    out.append("<li><code>").append(esc(SiteWording.where(u))).append("</code>: ").append(esc(SiteWording.tally(u))).append("</li>\n");
                }
                out.append("</ul>\n</div>\n");
            }
            stack(out, s.uses.isEmpty() ? SiteWording.actedLabel(s.kind) : "first used at", f.actedAt);
            stack(out, "closed earlier at", f.closedAt);
            stack(out, "other thread at", f.otherActedAt);
            out.append("</section>\n");
        }
        if (!r.fixed.isEmpty()) {
            out.append("<section class=\"fixed\">\n<h2>Fixed since the baseline (no longer seen)</h2>\n<ul>\n");
            for (Baseline.Entry e : r.fixed) out.append("<li><code>").append(esc(e.identity)).append("</code></li>\n");
            out.append("</ul>\n</section>\n");
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static void term(StringBuilder out, String name, String value) {
        if (value == null) return;
        out.append("<dt>").append(esc(name)).append("</dt><dd><code>").append(esc(value)).append("</code></dd>\n");
    }

    /** The first frames open, the rest behind a native disclosure widget (no script). */
    private static void stack(StringBuilder out, String label, List<String> frames) {
        if (frames.isEmpty()) return;
        out.append("<div>").append(esc(label)).append("\n<pre>");
        int shown = Math.min(TextFormat.FRAMES, frames.size());
        for (int i = 0; i < shown; i++) out.append(esc(frames.get(i))).append('\n');
        out.append("</pre>\n");
        if (frames.size() > shown) {
            out.append("<details><summary>").append(frames.size() - shown).append(" more frames</summary>\n<pre>");
            for (int i = shown; i < frames.size(); i++) out.append(esc(frames.get(i))).append('\n');
            out.append("</pre>\n</details>\n");
        }
        out.append("</div>\n");
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': b.append("&amp;"); break;
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '"': b.append("&quot;"); break;
                case '\'': b.append("&#39;"); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }
}
