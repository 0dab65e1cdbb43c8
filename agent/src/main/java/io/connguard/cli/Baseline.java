package io.connguard.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sites a team has accepted for now, in a file it commits ({@code connguard-baseline.json}),
 * so that a gate fails only on what is new. A site is known by its identity without line numbers
 * ({@link MergedSite#identity()}), so an edit that moves code keeps it known; a known place with a kind it
 * did not have is new. How a leak was found (GC, EXIT, ...) depends on timing, not on the code, so
 * it is written for the reader but not matched on.
 *
 * <p>The file is indented JSON, one entry per site sorted by identity, with no times, counts or
 * versions of the tool in it: regenerating it from the same code gives the same bytes, and a
 * review diff shows only sites that came or went.
 */
final class Baseline {
    static final String FORMAT = "connguard-baseline";
    static final int VERSION = 1;

    /** One accepted site: what is matched on (the file's {@code detectedBy} and {@code resource} are for its readers). */
    static final class Entry {
        final String kind;
        final String identity;

        Entry(String kind, String identity) {
            this.kind = kind;
            this.identity = identity;
        }

        String matchKey() {
            return Baseline.matchKey(kind, identity);
        }
    }

    private final List<Entry> entries;
    private final Set<String> keys = new LinkedHashSet<>();

    private Baseline(List<Entry> entries) {
        this.entries = entries;
        for (Entry e : entries) keys.add(e.matchKey());
    }

    /** The kind and the identity after its first word ({@code LEAK/EXIT}): what must agree for a site to be known. */
    private static String matchKey(String kind, String identity) {
        int space = identity.indexOf(' ');
        return kind + " " + (space < 0 ? "" : identity.substring(space + 1));
    }

    int size() {
        return entries.size();
    }

    /** Whether {@code s} is one of the accepted sites. */
    boolean knows(MergedSite s) {
        return keys.contains(matchKey(s.kind, s.identity()));
    }

    /** The accepted sites none of {@code sites} is: fixed, or not exercised by the runs read. */
    List<Entry> notSeenIn(Collection<MergedSite> sites) {
        Set<String> seen = new LinkedHashSet<>();
        for (MergedSite s : sites) seen.add(matchKey(s.kind, s.identity()));
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) if (!seen.contains(e.matchKey())) out.add(e);
        return out;
    }

    /** The baseline file for {@code sites}: each identity once, sorted. */
    static String write(Collection<MergedSite> sites) {
        Map<String, Map<String, Object>> byIdentity = new TreeMap<>();
        for (MergedSite s : sites) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", s.kind);
            m.put("detectedBy", s.detectedBy);
            m.put("resource", resourceOf(s.identity()));
            m.put("identity", s.identity());
            byIdentity.putIfAbsent(s.identity(), m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("version", (long) VERSION);
        doc.put("sites", new ArrayList<>(byIdentity.values()));
        return IndentedJson.write(doc);
    }

    /** The second word of a site key ({@code LEAK/EXIT Connection ...}): the resource type the site is about. */
    private static String resourceOf(String identity) {
        String[] words = identity.split(" ", 3);
        return words.length < 3 ? null : words[1];
    }

    /**
     * Reads a baseline file; {@code name} is how messages call it. Throws {@link UsageException}
     * with one line when the file is missing, unreadable, or not a baseline this version reads.
     */
    static Baseline read(Path file, String name) throws UsageException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new UsageException("connguard report: no such baseline file: " + name + "; write one with --write-baseline " + name);
        } catch (CharacterCodingException e) {
            throw bad(name, "not UTF-8 text");
        } catch (IOException e) {
            throw new UsageException("connguard report: cannot read baseline " + name + ": " + e);
        }
        Object doc;
        try {
            doc = JsonReader.parse(text);
        } catch (JsonReader.JsonException e) {
            throw bad(name, "not JSON (" + e.getMessage() + ")");
        }
        if (!(doc instanceof Map) || !FORMAT.equals(((Map<?, ?>) doc).get("format"))) {
            throw bad(name, "no \"format\": \"" + FORMAT + "\"");
        }
        Map<?, ?> m = (Map<?, ?>) doc;
        Object version = m.get("version");
        if (!(version instanceof Long)) throw bad(name, "no \"version\" number");
        if ((Long) version != VERSION) {
            throw bad(name, "version " + version + ", this connguard reads version " + VERSION
                + ((Long) version > VERSION ? " (written by a newer connguard)" : ""));
        }
        if (!(m.get("sites") instanceof List)) throw bad(name, "no \"sites\" list");
        List<Entry> entries = new ArrayList<>();
        int i = 0;
        for (Object o : (List<?>) m.get("sites")) {
            i++;
            Map<?, ?> e = o instanceof Map ? (Map<?, ?>) o : Map.of();
            if (!(e.get("kind") instanceof String) || !(e.get("identity") instanceof String)) {
                throw bad(name, "site " + i + " has no \"kind\" or \"identity\" text");
            }
            entries.add(new Entry((String) e.get("kind"), (String) e.get("identity")));
        }
        return new Baseline(entries);
    }

    private static UsageException bad(String name, String problem) {
        return new UsageException("connguard report: " + name + " is not a connguard baseline: " + problem
            + "; write one with --write-baseline " + name);
    }
}
