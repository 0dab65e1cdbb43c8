package io.connguard.report;

import java.util.Map;

import io.connguard.contract.Field;
import io.connguard.contract.LineType;
import io.connguard.options.Pid;
import io.connguard.runtime.Finding;
import io.connguard.runtime.ThreadInfo;

/**
 * The JSON lines report's lines other than the summary ({@link SummaryLine}), each built as one
 * line of text: {@code start}, {@code finding}, {@code use}, {@code count}, {@code closedAfterReport}
 * and {@code internalError}. URL and SQL arrive already redacted and sanitized.
 */
final class FindingLines {
    private FindingLines() {}

    /** The first line of a run: the agent's version, the process, and {@code options}, the options in force. */
    static String start(String version, Map<String, String> options) {
        JsonLine line = new JsonLine().beginObject()
                .field(Field.TYPE, LineType.START)
                .field(Field.TIME, now())
                .field(Field.VERSION, version)
                .field(Field.PID, Pid.current())
                .field(Field.JAVA, System.getProperty("java.version"))
                .name(Field.OPTIONS).beginObject();
        for (Map.Entry<String, String> e : options.entrySet()) line.field(e.getKey(), e.getValue());
        return line.endObject().endObject().toString();
    }

    /** A new site: every detail of its first occurrence {@code f}, with the site key {@code site}. */
    static String finding(Finding f, String site, String url, String sql) {
        JsonLine line = new JsonLine().beginObject()
                .field(Field.TYPE, LineType.FINDING)
                .field(Field.TIME, UtcTime.format(f.time))
                .field(Field.KIND, f.kind);
        if (Finding.LEAK.equals(f.kind)) line.field(Field.DETECTED_BY, f.detectedBy);
        line.field(Field.RESOURCE, f.resource)
            .field(Field.RESOURCE_CLASS, f.resourceClass)
            .field(Field.RESOURCE_ID, f.resourceId)
            .field(Field.CONNECTION_ID, f.connectionId);
        thread(line, Field.OWNER, f.owner);
        thread(line, Field.ACTOR, f.actor);
        line.field(Field.METHOD, f.method);
        frames(line, Field.CREATED_AT, FrameFormat.orNone(f.createdAt));
        if (f.connectionCreatedAt != null) frames(line, Field.CONNECTION_CREATED_AT, f.connectionCreatedAt);
        line.field(Field.OPENED_BY, f.openedBy).field(Field.OPENED_FOR, f.openedFor);
        if (f.actedAt != null) frames(line, Field.ACTED_AT, f.actedAt);
        thread(line, Field.OTHER_ACTOR, f.otherActor);
        if (f.otherActedAt != null) frames(line, Field.OTHER_ACTED_AT, f.otherActedAt);
        if (f.poolClass != null) line.name(Field.POOL).beginObject().field(Field.POOL_CLASS, f.poolClass).field(Field.POOL_NAME, f.poolName).endObject();
        thread(line, Field.CLOSED_BY, f.closedBy);
        if (f.closedAt != null) frames(line, Field.CLOSED_AT, f.closedAt);
        if (f.closedTime > 0) line.field(Field.CLOSED_TIME, UtcTime.format(f.closedTime));
        return line.field(Field.URL, url)
                   .field(Field.SQL, sql)
                   .field(Field.TEST, f.test)
                   .field(Field.CREATED_IN_TEST, f.createdInTest)
                   .field(Field.SITE, site)
                   .field(Field.COUNT, 1)
                   .endObject().toString();
    }

    /** A grouped site's connection used from a new place: the use {@code f} of the site keyed {@code site}. */
    static String use(Finding f, String site, String url, String sql) {
        JsonLine line = new JsonLine().beginObject()
                .field(Field.TYPE, LineType.USE)
                .field(Field.TIME, UtcTime.format(f.time))
                .field(Field.KIND, f.kind)
                .field(Field.SITE, site)
                .field(Field.RESOURCE, f.resource)
                .field(Field.RESOURCE_CLASS, f.resourceClass)
                .field(Field.RESOURCE_ID, f.resourceId)
                .field(Field.METHOD, f.method);
        thread(line, Field.OWNER, f.owner);
        thread(line, Field.ACTOR, f.actor);
        frames(line, Field.CREATED_AT, FrameFormat.orNone(f.createdAt));
        frames(line, Field.ACTED_AT, FrameFormat.orNone(f.actedAt));
        thread(line, Field.OTHER_ACTOR, f.otherActor);
        if (f.otherActedAt != null) frames(line, Field.OTHER_ACTED_AT, f.otherActedAt);
        return line.field(Field.URL, url).field(Field.SQL, sql).field(Field.TEST, f.test).endObject().toString();
    }

    /** A site's occurrences so far. */
    static String count(String site, long count) {
        return new JsonLine().beginObject()
                .field(Field.TYPE, LineType.COUNT)
                .field(Field.TIME, now())
                .field(Field.SITE, site)
                .field(Field.COUNT, count)
                .endObject().toString();
    }

    /** A {@code HELD_TOO_LONG} resource closed after {@code heldMillis} ms at {@code closedAt}; {@code site} null when unknown. */
    static String closedAfterReport(long resourceId, String site, long heldMillis, StackTraceElement[] closedAt) {
        JsonLine line = new JsonLine().beginObject()
                .field(Field.TYPE, LineType.CLOSED_AFTER_REPORT)
                .field(Field.TIME, now())
                .field(Field.RESOURCE_ID, resourceId)
                .field(Field.SITE, site)
                .field(Field.HELD_MILLIS, heldMillis);
        frames(line, Field.CLOSED_AT, closedAt);
        return line.endObject().toString();
    }

    /** connguard's first own error, as {@link InternalErrorText} says it. */
    static String internalError(String text) {
        return new JsonLine().beginObject().field(Field.TYPE, LineType.INTERNAL_ERROR).field(Field.TIME, now())
                .field(Field.ERROR, text).endObject().toString();
    }

    /** A thread object under {@code name}; nothing for null. */
    static void thread(JsonLine line, String name, ThreadInfo t) {
        if (t == null) return;
        line.name(name).beginObject().field(Field.THREAD_NAME, t.name).field(Field.THREAD_ID, t.id).field(Field.THREAD_VIRTUAL, t.virtual).endObject();
    }

    /** An array of frames as {@link FrameFormat} writes them, under {@code name}. */
    static void frames(JsonLine line, String name, StackTraceElement[] frames) {
        line.name(name).beginArray();
        for (StackTraceElement e : frames) line.value(FrameFormat.format(e));
        line.endArray();
    }

    /** Millisecond precision, like the findings' own times. */
    static String now() {
        return UtcTime.format(System.currentTimeMillis());
    }
}
