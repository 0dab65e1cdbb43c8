package io.connguard.cli;

import io.connguard.report.JsonLine;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers, booleans and {@code null} as indented JSON, for the
 * {@code sarif} and {@code json} formats. Map entries with a {@code null} value are left out:
 * SARIF readers treat an absent property and a null one differently, and absent is what we mean.
 */
final class IndentedJson {
    private final StringBuilder out = new StringBuilder(4096);

    private IndentedJson() {}

    static String write(Object value) {
        IndentedJson w = new IndentedJson();
        w.value(value, 0);
        return w.out.append('\n').toString();
    }

    private void value(Object v, int indent) {
        if (v == null || v == JsonReader.NULL) out.append("null");
        else if (v instanceof String) JsonLine.quote(out, (String) v);
        else if (v instanceof Boolean || v instanceof Long || v instanceof Integer) out.append(v);
        else if (v instanceof Number) number((Number) v);
        else if (v instanceof Map) object((Map<?, ?>) v, indent);
        else if (v instanceof Collection) array((Collection<?>) v, indent);
        else throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }

    private void number(Number n) {
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) throw new IllegalArgumentException("not a JSON number: " + n);
        out.append(n);
    }

    private void object(Map<?, ?> map, int indent) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() == null) continue;
            out.append(first ? "\n" : ",\n");
            first = false;
            indent(indent + 1);
            JsonLine.quote(out, String.valueOf(e.getKey()));
            out.append(": ");
            value(e.getValue(), indent + 1);
        }
        if (!first) {
            out.append('\n');
            indent(indent);
        }
        out.append('}');
    }

    private void array(Collection<?> list, int indent) {
        out.append('[');
        Iterator<?> it = list.iterator();
        boolean first = true;
        while (it.hasNext()) {
            out.append(first ? "\n" : ",\n");
            first = false;
            indent(indent + 1);
            value(it.next(), indent + 1);
        }
        if (!first) {
            out.append('\n');
            indent(indent);
        }
        out.append(']');
    }

    private void indent(int n) {
        for (int i = 0; i < n; i++) out.append("  ");
    }
}
