package io.connguard.cli;

import io.connguard.contract.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for code-scanning UIs: one rule per kind, one result per site, located at the
 * site's application frame (where the resource was opened, else where it was used), with the
 * other stack's first application frame as a related location and both stacks as SARIF stacks.
 */
final class SarifFormat {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private SarifFormat() {}

    static String write(MergedReport r, String toolVersion, SourceRoots sources) {
        List<Object> rules = new ArrayList<>();
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            ruleIndex.put(k.json, rules.size());
            rules.add(rule(k.json, k.ruleName, k.shortDescription, k.fullDescription, k.level));
        }
        List<Object> results = new ArrayList<>();
        for (MergedSite s : r.sites) {
            if (!ruleIndex.containsKey(s.kind)) {
                // a kind from a newer agent: still a result, under a rule that says as much
                ruleIndex.put(s.kind, rules.size());
                rules.add(rule(s.kind, s.kind, "connguard finding " + s.kind + ".",
                    "A finding kind this version of the report command does not describe: " + s.kind + ".", "warning"));
            }
            Map<String, Object> result = result(s, ruleIndex.get(s.kind), sources);
            // SARIF's own field for this: code-scanning UIs show "new" results apart from "unchanged" ones
            if (r.baselineName != null) result.put("baselineState", s.baselined ? "unchanged" : "new");
            results.add(result);
        }
        Map<String, Object> driver = map("name", "connguard");
        driver.put("version", toolVersion);
        driver.put("rules", rules);
        Map<String, Object> run = map("tool", map("driver", driver));
        run.put("invocations", List.of(invocation(r)));
        run.put("results", results);
        Map<String, Object> doc = map("$schema", SCHEMA);
        doc.put("version", "2.1.0");
        doc.put("runs", Collections.singletonList(run));
        return IndentedJson.write(doc);
    }

    /** SARIF's place for the tool's own trouble: an invocation that did not succeed, and why. */
    private static Map<String, Object> invocation(MergedReport r) {
        Map<String, Object> invocation = map("executionSuccessful", r.internalErrors == 0);
        if (r.internalErrors > 0) {
            List<Object> notes = new ArrayList<>();
            notes.add(notification(r.internalErrorsLine()));
            for (String text : r.internalErrorTexts) notes.add(notification(text));
            invocation.put("toolExecutionNotifications", notes);
        }
        return invocation;
    }

    private static Map<String, Object> notification(String text) {
        Map<String, Object> note = map("level", "error");
        note.put("message", map("text", text));
        return note;
    }

    private static Map<String, Object> rule(String id, String name, String shortText, String fullText, String level) {
        Map<String, Object> rule = map("id", id);
        rule.put("name", name);
        rule.put("shortDescription", map("text", shortText));
        rule.put("fullDescription", map("text", fullText));
        rule.put("help", map("text", fullText));
        rule.put("defaultConfiguration", map("level", level));
        rule.put("properties", map("tags", List.of("jdbc", "concurrency", "reliability")));
        return rule;
    }

    private static Map<String, Object> result(MergedSite s, int ruleIndex, SourceRoots sources) {
        ReportedFinding f = s.finding;
        Kind kind = Kind.of(s.kind);
        Map<String, Object> result = map("ruleId", s.kind);
        result.put("ruleIndex", ruleIndex);
        result.put("level", kind == null ? "warning" : kind.level);
        result.put("message", map("text", SiteWording.message(s)));
        ReportedFrame at = s.location();
        if (at != null) result.put("locations", List.of(location(at, null, sources)));
        // the frames of the other stacks: each place a grouped connection was used from, the use or close for an opening
        List<Map<String, Object>> related = new ArrayList<>();
        if (!s.uses.isEmpty()) {
            for (SiteUse u : s.uses.values()) {
                ReportedFrame used = ReportedFrame.firstApplicationFrame(u.actedAt);
                if (used != null && at != null) related.add(location(used, SiteWording.where(u) + ": " + SiteWording.tally(u), sources));
            }
        } else {
            ReportedFrame acted = ReportedFrame.firstApplicationFrame(f.actedAt);
            if (at != null && acted != null) {
                related.add(location(acted, SiteWording.actedLabel(s.kind).replace(" at", " here"), sources));
            }
        }
        if (s.locationDepth > 0 && at != null) related.add(location(f.applicationFrames().get(0), "through here", sources));
        if (!f.createdAt.isEmpty() && !f.connectionCreatedAt.isEmpty()) {
            ReportedFrame connection = ReportedFrame.firstApplicationFrame(f.connectionCreatedAt);
            if (connection != null) related.add(location(connection, "its connection opened here", sources));
        }
        for (int i = 0; i < related.size(); i++) related.get(i).put("id", i + 1);
        if (!related.isEmpty()) result.put("relatedLocations", related);
        List<Object> stacks = new ArrayList<>();
        boolean statement = !f.connectionCreatedAt.isEmpty();
        stack(stacks, (statement ? "created by " : "opened by ") + (f.owner == null ? "?" : f.owner), f.createdAt, sources);
        stack(stacks, "its connection opened", f.connectionCreatedAt, sources);
        stack(stacks, "acted on by " + (f.actor == null ? "?" : f.actor), f.actedAt, sources);
        stack(stacks, "other " + (f.otherActor == null ? "?" : f.otherActor), f.otherActedAt, sources);
        stack(stacks, "closed by " + (f.closedBy == null ? "?" : f.closedBy), f.closedAt, sources);
        if (!stacks.isEmpty()) result.put("stacks", stacks);
        // GitHub code scanning matches a result to its earlier runs by this: the site without line numbers,
        // so that an edit above it does not make it a new result
        result.put("partialFingerprints", map("connguardSite/v2", s.identity()));
        Map<String, Object> properties = map("count", s.count);
        properties.put("detectedBy", s.detectedBy);
        properties.put("site", s.key);
        properties.put("resource", f.resource);
        properties.put("resourceClass", f.resourceClass);
        properties.put("owner", f.owner == null ? null : f.owner.name);
        properties.put("actor", f.actor == null ? null : f.actor.name);
        properties.put("method", f.method);
        properties.put("test", f.test);
        properties.put("createdInTest", f.createdInTest);
        properties.put("openedBy", f.openedBy);
        properties.put("openedFor", f.openedFor);
        if (!s.uses.isEmpty()) properties.put("uses", JsonFormat.uses(s));
        if (f.poolClass != null) properties.put("pool", SiteWording.poolText(f));
        if (f.closedBy != null) properties.put("closedBy", f.closedBy.name);
        result.put("properties", properties);
        return result;
    }

    private static Map<String, Object> location(ReportedFrame f, String message, SourceRoots sources) {
        Map<String, Object> physical = map("artifactLocation", map("uri", uri(sources.resolve(f.sourcePath()))));
        if (f.line > 0) physical.put("region", map("startLine", f.line));
        Map<String, Object> location = map("physicalLocation", physical);
        location.put("logicalLocations", List.of(logical(f)));
        if (message != null) location.put("message", map("text", message));
        return location;
    }

    /** A relative URI reference: path characters as they are, anything else percent-encoded as UTF-8. */
    static String uri(String path) {
        StringBuilder b = new StringBuilder();
        for (byte x : path.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/!$&'()*+,;=@".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }

    private static Map<String, Object> logical(ReportedFrame f) {
        Map<String, Object> l = map("fullyQualifiedName", f.className + "." + f.method);
        l.put("kind", "function");
        return l;
    }

    private static void stack(List<Object> stacks, String message, List<String> frames, SourceRoots sources) {
        if (frames.isEmpty()) return;
        List<Object> out = new ArrayList<>();
        for (String text : frames) {
            ReportedFrame f = ReportedFrame.parse(text);
            Map<String, Object> location;
            if (f == null) {
                location = map("message", map("text", text));
            } else if (f.file == null || f.isPlatform()) {
                // the JDK's sources are not in the repository: name the method, link nothing
                location = map("logicalLocations", List.of(logical(f)));
            } else {
                location = location(f, null, sources);
            }
            out.add(map("location", location));
        }
        Map<String, Object> stack = map("message", map("text", message));
        stack.put("frames", out);
        stacks.add(stack);
    }

    private static Map<String, Object> map(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }
}
