package io.connguard.report;

/**
 * A minimal streaming JSON writer for one report line: objects, arrays, strings, numbers, booleans.
 * No library, because the agent must not bring one onto the application's class path, and the
 * report needs nothing more. Callers are trusted to nest correctly; it does not validate.
 */
public final class JsonLine {
    private final StringBuilder out = new StringBuilder(256);
    /** One bit per open container, set once it has a member: decides the comma. Nesting beyond 64 is not needed. */
    private long hasMember;
    private int depth;
    private boolean afterName;

    public JsonLine beginObject() {
        return open('{');
    }

    public JsonLine endObject() {
        return close('}');
    }

    public JsonLine beginArray() {
        return open('[');
    }

    public JsonLine endArray() {
        return close(']');
    }

    public JsonLine name(String name) {
        separate();
        quote(out, name);
        out.append(':');
        afterName = true;
        return this;
    }

    public JsonLine value(String value) {
        separate();
        if (value == null) out.append("null");
        else quote(out, value);
        return this;
    }

    public JsonLine value(long value) {
        separate();
        out.append(value);
        return this;
    }

    public JsonLine value(boolean value) {
        separate();
        out.append(value);
        return this;
    }

    /** {@code "name": value}, skipped when value is null (the report omits absent fields). */
    public JsonLine field(String name, String value) {
        return value == null ? this : name(name).value(value);
    }

    public JsonLine field(String name, long value) {
        return name(name).value(value);
    }

    public JsonLine field(String name, boolean value) {
        return name(name).value(value);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private JsonLine open(char bracket) {
        separate();
        out.append(bracket);
        depth++;
        if (depth < 64) hasMember &= ~(1L << depth);
        return this;
    }

    private JsonLine close(char bracket) {
        out.append(bracket);
        depth--;
        return this;
    }

    /** Comma before every member but the first; nothing between a name and its value. */
    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0 && depth < 64) {
            long bit = 1L << depth;
            if ((hasMember & bit) != 0) out.append(',');
            hasMember |= bit;
        }
    }

    /**
     * Appends {@code s} as a JSON string. Escapes what JSON requires plus U+2028/U+2029 (line breaks to
     * JavaScript) and unpaired surrogates (which UTF-8 encoding would turn into {@code ?}).
     */
    public static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || unpairedSurrogate(s, i)) unicode(out, c);
                    else out.append(c);
            }
        }
        out.append('"');
    }

    private static boolean unpairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        if (Character.isLowSurrogate(c)) return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        return false;
    }

    private static void unicode(StringBuilder out, char c) {
        String hex = Integer.toHexString(c);
        out.append("\\u");
        for (int pad = hex.length(); pad < 4; pad++) out.append('0');
        out.append(hex);
    }
}
