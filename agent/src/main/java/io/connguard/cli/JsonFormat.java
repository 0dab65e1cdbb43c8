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
        List<Object> sites = new ArrayList<>();
        for (Site s : r.sites) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("site", s.key);
            m.put("kind", s.kind);
            m.put("detectedBy", s.detectedBy);
            m.put("count", s.count);
            m.put("resource", s.resource);
            m.put("resourceClass", s.resourceClass);
            m.put("owner", thread(s.owner));
            m.put("actor", thread(s.actor));
            m.put("otherActor", thread(s.otherActor));
            m.put("method", s.method);
            m.put("url", s.url);
            m.put("sql", s.sql);
            if (s.hasDetails) {
                m.put("createdAt", s.createdAt);
                m.put("actedAt", s.actedAt.isEmpty() ? null : s.actedAt);
                m.put("otherActedAt", s.otherActedAt.isEmpty() ? null : s.otherActedAt);
            }
            Frame at = s.location();
            if (at != null) {
                Map<String, Object> location = new LinkedHashMap<>();
                location.put("file", at.sourcePath());
                if (at.line > 0) location.put("line", at.line);
                m.put("location", location);
            }
            if (s.closedLater > 0) {
                m.put("closedLater", s.closedLater);
                m.put("maxHeldMillis", s.maxHeldMillis);
            }
            m.put("reports", new ArrayList<>(s.reports));
            m.put("firstSeen", s.time);
            sites.add(m);
        }
        doc.put("sites", sites);
        return JsonWriter.write(doc);
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
