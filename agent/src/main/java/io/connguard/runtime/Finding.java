package io.connguard.runtime;

import io.connguard.contract.Kind;
import io.connguard.contract.LeakCause;
import io.connguard.contract.Verbs;

/**
 * One misuse, as the runtime observed it. Raw on purpose: {@code url} may hold credentials and
 * {@code sql} literals; the report redacts and sanitizes both before anything is written.
 *
 * <p>Kinds, causes and verbs are the report contract's ({@code io.connguard.contract}); this class
 * lives in the bootstrap loader, which cannot load that package, so it uses only its compile-time
 * constants, which the compiler copies in.
 */
public final class Finding {
    public static final String CROSS_THREAD_USE = Kind.Names.CROSS_THREAD_USE;
    public static final String CONCURRENT_USE = Kind.Names.CONCURRENT_USE;
    public static final String WRONG_THREAD_CLOSE = Kind.Names.WRONG_THREAD_CLOSE;
    public static final String LEAK = Kind.Names.LEAK;
    public static final String NESTED_ACQUIRE = Kind.Names.NESTED_ACQUIRE;
    public static final String TRANSACTION_LEFT_OPEN = Kind.Names.TRANSACTION_LEFT_OPEN;
    public static final String USE_AFTER_CLOSE = Kind.Names.USE_AFTER_CLOSE;

    public static final String GC = LeakCause.Names.GC;
    public static final String OWNER_THREAD_ENDED = LeakCause.Names.OWNER_THREAD_ENDED;
    public static final String EXIT = LeakCause.Names.EXIT;
    public static final String PARENT_CLOSED = LeakCause.Names.PARENT_CLOSED;
    public static final String HELD_TOO_LONG = LeakCause.Names.HELD_TOO_LONG;

    public final long time = System.currentTimeMillis();
    public final String kind;
    /** For {@link #LEAK} only. */
    public final String detectedBy;
    /** {@code Connection}, {@code Statement}, {@code PreparedStatement}, {@code CallableStatement} or {@code ResultSet}. */
    public final String resource;
    public final String resourceClass;
    public final long resourceId;
    public final long connectionId;
    public final ThreadInfo owner;
    /** The offending thread; null for leaks found by GC, at exit or by threshold. */
    public final ThreadInfo actor;
    /** The JDBC method called, for uses and closes. */
    public final String method;
    /** Frames, application frames first; never null, possibly empty. */
    public final StackTraceElement[] createdAt;
    public final StackTraceElement[] actedAt;
    public final ThreadInfo otherActor;
    public final StackTraceElement[] otherActedAt;
    public final String url;
    public final String sql;
    /** The test method running where the misuse happened (the actor's stack), when there is one. */
    public final String test;
    /** The test method that opened the resource, when there was one: a leak found later is still its. */
    public final String createdInTest;
    /**
     * For statements and result sets, their connection's creation stack; null for a connection.
     * {@link #createdAt} is then the resource's own creation (one frame by default), empty when
     * only the connection's stack is known.
     */
    public final StackTraceElement[] connectionCreatedAt;
    /**
     * {@code Class.method} of a data-access framework's code that opened the connection on the
     * application's behalf (a transaction manager beginning a transaction), null when the
     * application opened it; {@link #openedFor} is then the application method it was for.
     */
    public final String openedBy;
    public final String openedFor;
    /** {@link #NESTED_ACQUIRE}: the pool's class and, where the pool has one, its name (else null). */
    public final String poolClass;
    public final String poolName;
    /** {@link #USE_AFTER_CLOSE}: who closed the resource (or the parent whose close closed it), where (null unless recorded) and when (epoch millis, 0 unknown). */
    public final ThreadInfo closedBy;
    public final StackTraceElement[] closedAt;
    public final long closedTime;

    /** A finding without a separate connection stack and without a framework that opened the connection. */
    public Finding(String kind, String detectedBy, String resource, String resourceClass, long resourceId,
                   long connectionId, ThreadInfo owner, ThreadInfo actor, String method,
                   StackTraceElement[] createdAt, StackTraceElement[] actedAt,
                   ThreadInfo otherActor, StackTraceElement[] otherActedAt, String url, String sql,
                   String test, String createdInTest) {
        this(kind, detectedBy, resource, resourceClass, resourceId, connectionId, owner, actor, method, createdAt, actedAt,
            otherActor, otherActedAt, url, sql, test, createdInTest, null, null, null, null, null, null, null, 0);
    }

    /**
     * Every field; {@code null} (or 0) where it does not apply: a connection stack and a framework
     * opener for statements' and framework-opened findings, the pool for pool-locking, the close
     * for use after close.
     */
    public Finding(String kind, String detectedBy, String resource, String resourceClass, long resourceId,
                   long connectionId, ThreadInfo owner, ThreadInfo actor, String method,
                   StackTraceElement[] createdAt, StackTraceElement[] actedAt,
                   ThreadInfo otherActor, StackTraceElement[] otherActedAt, String url, String sql,
                   String test, String createdInTest, StackTraceElement[] connectionCreatedAt,
                   String openedBy, String openedFor, String poolClass, String poolName,
                   ThreadInfo closedBy, StackTraceElement[] closedAt, long closedTime) {
        this.kind = kind;
        this.detectedBy = detectedBy;
        this.resource = resource;
        this.resourceClass = resourceClass;
        this.resourceId = resourceId;
        this.connectionId = connectionId;
        this.owner = owner;
        this.actor = actor;
        this.method = method;
        this.createdAt = createdAt;
        this.actedAt = actedAt;
        this.otherActor = otherActor;
        this.otherActedAt = otherActedAt;
        this.url = url;
        this.sql = sql;
        this.test = test;
        this.createdInTest = createdInTest;
        this.connectionCreatedAt = connectionCreatedAt;
        this.openedBy = openedBy;
        this.openedFor = openedFor;
        this.poolClass = poolClass;
        this.poolName = poolName;
        this.closedBy = closedBy;
        this.closedAt = closedAt;
        this.closedTime = closedTime;
    }

    /** One line that says what happened: the log's headline and strict mode's exception message. */
    public String summary() {
        StringBuilder s = new StringBuilder("connguard ").append(kind);
        if (detectedBy != null) s.append(" (").append(detectedBy).append(')');
        s.append(": ").append(resource).append(' ').append(resourceClass).append('#').append(resourceId)
         .append(" owned by ").append(owner);
        if (actor != null && !LEAK.equals(kind)) {
            s.append(' ').append(CONCURRENT_USE.equals(kind) ? Verbs.ENTERED_BY : WRONG_THREAD_CLOSE.equals(kind) ? Verbs.CLOSED_BY : Verbs.USED_BY)
             .append(' ').append(actor);
            if (method != null) s.append(" in ").append(method);
            if (otherActor != null) s.append(" while ").append(otherActor).append(" was inside");
        }
        if (closedBy != null) s.append(" after ").append(closedBy).append(" closed it");
        if (poolClass != null) {
            s.append(", still holding it, from the same pool ").append(poolClass);
            if (poolName != null) s.append(" \"").append(poolName).append('"');
        }
        return s.toString();
    }
}
