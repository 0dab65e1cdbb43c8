package io.connguard.cli;

import io.connguard.contract.Field;
import io.connguard.runtime.ThreadInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A report line's values as the {@code report} command takes them: a value of another JSON type
 * than the contract's (a damaged line, another program's JSON) reads as absent, never as an error,
 * so one bad field does not cost the rest of its line.
 */
final class ReportValues {
    private ReportValues() {}

    /** The string, or null for anything else. */
    static String string(Object v) {
        return v instanceof String ? (String) v : null;
    }

    /** The strings of a JSON array (stack frames, thread names), unmodifiable; empty when {@code v} is no array. */
    static List<String> strings(Object v) {
        if (!(v instanceof List)) return Collections.emptyList();
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) v) if (o instanceof String) out.add((String) o);
        return Collections.unmodifiableList(out);
    }

    /** A thread as a report line names it, or null when {@code v} is no object; a missing name reads "?", a missing id -1. */
    static ThreadInfo thread(Object v) {
        if (!(v instanceof Map)) return null;
        Map<?, ?> m = (Map<?, ?>) v;
        Object name = m.get(Field.THREAD_NAME);
        Object id = m.get(Field.THREAD_ID);
        return new ThreadInfo(name instanceof String ? (String) name : "?", id instanceof Long ? (Long) id : -1,
            Boolean.TRUE.equals(m.get(Field.THREAD_VIRTUAL)));
    }
}
