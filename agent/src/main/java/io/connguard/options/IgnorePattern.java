package io.connguard.options;

import io.connguard.contract.Kind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One entry of the {@code ignore} option: the application frames whose findings the user has
 * chosen to leave out, optionally of one kind only. {@code com.acme.legacy.*} matches every class
 * in that package (and below it) or the class {@code com.acme.legacy} and its nested classes;
 * {@code com.acme.Dao.load} matches that method; {@code NESTED_ACQUIRE:com.acme.Audit.*} matches only that kind.
 * Matching is on names alone: no class is loaded and no application code is called.
 */
public final class IgnorePattern {
    /** The finding kinds a pattern may name: the report contract's, whose classes load no runtime class. */
    static final List<String> KINDS = Arrays.stream(Kind.values()).map(k -> k.json).collect(Collectors.toUnmodifiableList());
    static final String VALID = "patterns such as com.acme.legacy.* (a package or class and all below it) or "
        + "com.acme.Dao.load (a method), each optionally after a kind and a colon (LEAK:com.acme.Audit.*), "
        + "separated by , ; or |; kinds: " + String.join(", ", KINDS);

    private final String text;
    /** Null: every kind. */
    private final String kind;
    /** For {@code X.*}: X; for a method: its class. */
    private final String className;
    /** Null for {@code X.*}. */
    private final String method;

    private IgnorePattern(String text, String kind, String className, String method) {
        this.text = text;
        this.kind = kind;
        this.className = className;
        this.method = method;
    }

    /**
     * Parses one pattern as the user typed it (trimmed); returns null when it is not valid (the
     * caller names it and {@link #VALID}). A kind is accepted in any case and stored upper case.
     */
    static IgnorePattern parse(String text) {
        String kind = null;
        String frames = text;
        int colon = text.indexOf(':');
        if (colon >= 0) {
            kind = text.substring(0, colon).trim().toUpperCase(Locale.ROOT);
            if (!KINDS.contains(kind)) return null;
            frames = text.substring(colon + 1).trim();
        }
        if (frames.endsWith(".*")) {
            String prefix = frames.substring(0, frames.length() - 2);
            return isQualifiedName(prefix, 1) ? new IgnorePattern(text, kind, prefix, null) : null;
        }
        int dot = frames.lastIndexOf('.');
        if (!isQualifiedName(frames, 2)) return null;
        return new IgnorePattern(text, kind, frames.substring(0, dot), frames.substring(dot + 1));
    }

    /** At least {@code minParts} Java identifiers joined by dots. */
    private static boolean isQualifiedName(String name, int minParts) {
        String[] parts = name.split("\\.", -1);
        if (parts.length < minParts) return false;
        for (String part : parts) {
            if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) return false;
            for (int i = 1; i < part.length(); i++) {
                if (!Character.isJavaIdentifierPart(part.charAt(i))) return false;
            }
        }
        return true;
    }

    /** Whether a finding of {@code findingKind} with a frame in {@code frameClass}.{@code frameMethod} is to be left out. */
    public boolean matches(String findingKind, String frameClass, String frameMethod) {
        if (kind != null && !kind.equals(findingKind)) return false;
        if (method != null) return method.equals(frameMethod) && className.equals(frameClass);
        if (!frameClass.startsWith(className)) return false;
        if (frameClass.length() == className.length()) return true;
        char next = frameClass.charAt(className.length());
        return next == '.' || next == '$';
    }

    /** The pattern as the user wrote it, kind included: how the summary names it. */
    @Override
    public String toString() {
        return text;
    }
}
