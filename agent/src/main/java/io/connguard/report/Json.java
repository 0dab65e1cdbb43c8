package io.connguard.report;

import java.util.Map;

/** Builds one JSON object, fields in the order they are added. Just what the report needs. */
final class Json {
    private final StringBuilder out = new StringBuilder(256).append('{');
    private boolean first = true;

    Json field(String name, String value) {
        if (value != null) string(key(name), value);
        return this;
    }

    Json field(String name, long value) {
        key(name).append(value);
        return this;
    }

    Json field(String name, boolean value) {
        key(name).append(value);
        return this;
    }

    Json field(String name, Json object) {
        if (object != null) key(name).append(object);
        return this;
    }

    Json field(String name, String[] values) {
        if (values == null) return this;
        StringBuilder b = key(name).append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) b.append(',');
            string(b, values[i]);
        }
        b.append(']');
        return this;
    }

    Json field(String name, Map<String, ?> values) {
        Json object = new Json();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Number) object.field(e.getKey(), ((Number) v).longValue());
            else object.field(e.getKey(), String.valueOf(v));
        }
        return field(name, object);
    }

    Json raw(String name, String json) {
        key(name).append(json);
        return this;
    }

    private StringBuilder key(String name) {
        if (!first) out.append(',');
        first = false;
        string(out, name);
        return out.append(':');
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    // control characters, and the two line separators JavaScript will not take raw
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
            }
        }
        b.append('"');
    }

    @Override
    public String toString() {
        return out + "}";
    }
}
