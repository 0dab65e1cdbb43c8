package io.connguard.cli;

import io.connguard.runtime.ThreadInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The merged sites as one JSON document, for scripts: the finding fields of the contract plus the merged count. */
final class JsonFormat {
    private JsonFormat() {}

    static String write(MergedReport r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("reports", r.files);
        doc.put("runs", r.runs);
        doc.put("agentVersions", new ArrayList<>(r.agentVersions));
        doc.put("findings", r.findings());
        doc.put("kinds", r.kinds());
        doc.put("internalErrors", r.internalErrors);
        if (!r.internalErrorTexts.isEmpty()) doc.put("internalErrorTexts", r.internalErrorTexts);
        if (!r.ignored.isEmpty()) doc.put("ignored", r.ignored);
        if (r.baselineName != null) {
            Map<String, Object> baseline = new LinkedHashMap<>();
            baseline.put("file", r.baselineName);
            baseline.put("newSites", r.sites.size() - r.knownSites());
            baseline.put("knownSites", r.knownSites());
            List<Object> fixed = new ArrayList<>();
            for (Baseline.Entry e : r.fixed) fixed.add(e.identity);
            baseline.put("fixed", fixed);
            doc.put("baseline", baseline);
        }
        List<Object> sites = new ArrayList<>();
        for (MergedSite s : r.sites) {
            ReportedFinding f = s.finding;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("site", s.key);
            m.put("identity", s.identity());
            m.put("kind", s.kind);
            m.put("detectedBy", s.detectedBy);
            m.put("count", s.count);
            if (r.baselineName != null) m.put("baselined", s.baselined);
            m.put("resource", f.resource);
            m.put("resourceClass", f.resourceClass);
            m.put("owner", thread(f.owner));
            m.put("actor", thread(f.actor));
            m.put("otherActor", thread(f.otherActor));
            m.put("method", f.method);
            m.put("url", f.url);
            m.put("sql", f.sql);
            m.put("test", f.test);
            m.put("createdInTest", f.createdInTest);
            m.put("openedBy", f.openedBy);
            m.put("openedFor", f.openedFor);
            if (f.poolClass != null) {
                Map<String, Object> pool = new LinkedHashMap<>();
                pool.put("class", f.poolClass);
                pool.put("name", f.poolName);
                m.put("pool", pool);
            }
            if (f.closedBy != null) m.put("closedBy", thread(f.closedBy));
            if (!f.closedAt.isEmpty()) m.put("closedAt", f.closedAt);
            if (f.closedTime != null) m.put("closedTime", f.closedTime);
            if (s.hasDetails()) {
                m.put("createdAt", f.createdAt);
                m.put("connectionCreatedAt", f.connectionCreatedAt.isEmpty() ? null : f.connectionCreatedAt);
                m.put("actedAt", f.actedAt.isEmpty() ? null : f.actedAt);
                m.put("otherActedAt", f.otherActedAt.isEmpty() ? null : f.otherActedAt);
            }
            ReportedFrame at = s.location();
            if (at != null) {
                Map<String, Object> location = new LinkedHashMap<>();
                location.put("file", at.sourcePath());
                if (at.line > 0) location.put("line", at.line);
                m.put("location", location);
            }
            if (!s.uses.isEmpty()) m.put("uses", uses(s));
            if (s.closedLater > 0) {
                m.put("closedLater", s.closedLater);
                m.put("maxHeldMillis", s.maxHeldMillis);
            }
            m.put("reports", new ArrayList<>(s.reports));
            m.put("firstSeen", f.time);
            sites.add(m);
        }
        doc.put("sites", sites);
        return IndentedJson.write(doc);
    }

    /** A grouped site's places: method, resource, the first use's stack there, threads, count. */
    static List<Object> uses(MergedSite s) {
        List<Object> out = new ArrayList<>();
        for (SiteUse u : s.uses.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", u.method);
            m.put("resource", u.resource);
            m.put("actedAt", u.actedAt);
            m.put("threads", new ArrayList<>(u.threads));
            m.put("count", u.count);
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> thread(ThreadInfo t) {
        if (t == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name);
        m.put("id", t.id);
        m.put("virtual", t.virtual);
        return m;
    }
}
