package io.connguard.cli;

import io.connguard.contract.Field;
import io.connguard.runtime.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A site's finding as its first finding line in the reports tells it: the resource, who opened it
 * and where, who misused it and where, and what only some kinds have (the pool, the close).
 * {@link #NONE} is a site known only from a summary (its finding line was damaged): nothing known,
 * no stacks.
 */
final class ReportedFinding {
    static final ReportedFinding NONE = new ReportedFinding(Map.of());

    final String resource;
    final String resourceClass;
    final ThreadInfo owner;
    final ThreadInfo actor;
    final ThreadInfo otherActor;
    final String method;
    /** Stacks as the report writes them, application frames first; empty when not recorded. */
    final List<String> createdAt;
    final List<String> actedAt;
    final List<String> otherActedAt;
    /** Statements and result sets: their connection's creation stack; {@link #createdAt} is then their own (empty when unknown). */
    final List<String> connectionCreatedAt;
    final String url;
    final String sql;
    final String time;
    /** The test method running on the offending thread, and the one that opened the resource. */
    final String test;
    final String createdInTest;
    /** A framework's code that opened the connection for the application, and the application method it was for. */
    final String openedBy;
    final String openedFor;
    /** NESTED_ACQUIRE: the pool; USE_AFTER_CLOSE: who closed the resource, where and when. */
    final String poolClass;
    final String poolName;
    final ThreadInfo closedBy;
    final List<String> closedAt;
    final String closedTime;

    /** The finding of a {@code finding} line, as its contract fields name it; a field of a wrong type is absent. */
    ReportedFinding(Map<String, Object> line) {
        resource = ReportValues.string(line.get(Field.RESOURCE));
        resourceClass = ReportValues.string(line.get(Field.RESOURCE_CLASS));
        owner = ReportValues.thread(line.get(Field.OWNER));
        actor = ReportValues.thread(line.get(Field.ACTOR));
        otherActor = ReportValues.thread(line.get(Field.OTHER_ACTOR));
        method = ReportValues.string(line.get(Field.METHOD));
        createdAt = ReportValues.strings(line.get(Field.CREATED_AT));
        actedAt = ReportValues.strings(line.get(Field.ACTED_AT));
        otherActedAt = ReportValues.strings(line.get(Field.OTHER_ACTED_AT));
        connectionCreatedAt = ReportValues.strings(line.get(Field.CONNECTION_CREATED_AT));
        url = ReportValues.string(line.get(Field.URL));
        sql = ReportValues.string(line.get(Field.SQL));
        time = ReportValues.string(line.get(Field.TIME));
        test = ReportValues.string(line.get(Field.TEST));
        createdInTest = ReportValues.string(line.get(Field.CREATED_IN_TEST));
        openedBy = ReportValues.string(line.get(Field.OPENED_BY));
        openedFor = ReportValues.string(line.get(Field.OPENED_FOR));
        Map<?, ?> pool = line.get(Field.POOL) instanceof Map ? (Map<?, ?>) line.get(Field.POOL) : Map.of();
        poolClass = ReportValues.string(pool.get(Field.POOL_CLASS));
        poolName = ReportValues.string(pool.get(Field.POOL_NAME));
        closedBy = ReportValues.thread(line.get(Field.CLOSED_BY));
        closedAt = ReportValues.strings(line.get(Field.CLOSED_AT));
        closedTime = ReportValues.string(line.get(Field.CLOSED_TIME));
    }

    /**
     * The application frames of the stack that locates the finding (a statement's own creation,
     * else its connection's, else where it was used), innermost first; platform frames only when
     * there are no others.
     */
    List<ReportedFrame> applicationFrames() {
        List<String> stack = !createdAt.isEmpty() ? createdAt : !connectionCreatedAt.isEmpty() ? connectionCreatedAt : actedAt;
        List<ReportedFrame> out = new ArrayList<>();
        for (String text : stack) {
            ReportedFrame f = ReportedFrame.parse(text);
            if (f != null && f.file != null && !f.isPlatform()) out.add(f);
        }
        if (out.isEmpty()) {
            ReportedFrame first = ReportedFrame.firstApplicationFrame(stack);
            if (first != null) out.add(first);
        }
        return out;
    }

    /** Whether the creation known is only the connection's (a statement whose own line was not recorded). */
    boolean onlyConnectionKnown() {
        return createdAt.isEmpty() && !connectionCreatedAt.isEmpty();
    }
}
