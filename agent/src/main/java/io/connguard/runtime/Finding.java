package io.connguard.runtime;

import io.connguard.contract.Kind;
import io.connguard.contract.LeakCause;
import io.connguard.contract.Verbs;

/**
 * One misuse, as the runtime observed it. Raw on purpose: {@code url} may hold credentials and
 * {@code sql} literals; the report redacts and sanitizes both before anything is written. Made
 * with {@link #builder}, which names each field it sets: kinds have different fields.
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

    /**
     * A builder of a finding; everything not set is null, or 0 for ids and times.
     *
     * @param kind one of the kind constants here (null only in tests of what a sink does with a broken finding)
     * @return a new builder; {@link Builder#build()} makes the finding
     */
    public static Builder builder(String kind) {
        return new Builder(kind);
    }

    private Finding(Builder b) {
        this.kind = b.kind;
        this.detectedBy = b.detectedBy;
        this.resource = b.resource;
        this.resourceClass = b.resourceClass;
        this.resourceId = b.resourceId;
        this.connectionId = b.connectionId;
        this.owner = b.owner;
        this.actor = b.actor;
        this.method = b.method;
        this.createdAt = b.createdAt;
        this.actedAt = b.actedAt;
        this.otherActor = b.otherActor;
        this.otherActedAt = b.otherActedAt;
        this.url = b.url;
        this.sql = b.sql;
        this.test = b.test;
        this.createdInTest = b.createdInTest;
        this.connectionCreatedAt = b.connectionCreatedAt;
        this.openedBy = b.openedBy;
        this.openedFor = b.openedFor;
        this.poolClass = b.poolClass;
        this.poolName = b.poolName;
        this.closedBy = b.closedBy;
        this.closedAt = b.closedAt;
        this.closedTime = b.closedTime;
    }

    /**
     * Sets the fields of a {@link Finding} by name, so that each place that makes one says what it
     * knows; each setter returns this builder and documents its field there.
     */
    public static final class Builder {
        private final String kind;
        private String detectedBy;
        private String resource;
        private String resourceClass;
        private long resourceId;
        private long connectionId;
        private ThreadInfo owner;
        private ThreadInfo actor;
        private String method;
        private StackTraceElement[] createdAt;
        private StackTraceElement[] actedAt;
        private ThreadInfo otherActor;
        private StackTraceElement[] otherActedAt;
        private String url;
        private String sql;
        private String test;
        private String createdInTest;
        private StackTraceElement[] connectionCreatedAt;
        private String openedBy;
        private String openedFor;
        private String poolClass;
        private String poolName;
        private ThreadInfo closedBy;
        private StackTraceElement[] closedAt;
        private long closedTime;

        private Builder(String kind) {
            this.kind = kind;
        }

        /** How a {@link Finding#LEAK} was found: {@link Finding#GC}, {@link Finding#EXIT}, ... */
        public Builder detectedBy(String detectedBy) {
            this.detectedBy = detectedBy;
            return this;
        }

        /** The JDBC interface: {@code Connection}, {@code Statement}, ... */
        public Builder resource(String resource) {
            this.resource = resource;
            return this;
        }

        /** The driver's or pool's class of the resource. */
        public Builder resourceClass(String resourceClass) {
            this.resourceClass = resourceClass;
            return this;
        }

        /** The resource's id in this JVM's report. */
        public Builder resourceId(long resourceId) {
            this.resourceId = resourceId;
            return this;
        }

        /** Its connection's id; the resource's own for a connection. */
        public Builder connectionId(long connectionId) {
            this.connectionId = connectionId;
            return this;
        }

        /** The thread that opened the resource. */
        public Builder owner(ThreadInfo owner) {
            this.owner = owner;
            return this;
        }

        /** The offending thread. */
        public Builder actor(ThreadInfo actor) {
            this.actor = actor;
            return this;
        }

        /** The JDBC method called. */
        public Builder method(String method) {
            this.method = method;
            return this;
        }

        /** Where the resource was made, application frames first. */
        public Builder createdAt(StackTraceElement[] createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /** Where the actor called, application frames first. */
        public Builder actedAt(StackTraceElement[] actedAt) {
            this.actedAt = actedAt;
            return this;
        }

        /** {@link Finding#CONCURRENT_USE}: the thread that was inside the connection meanwhile. */
        public Builder otherActor(ThreadInfo otherActor) {
            this.otherActor = otherActor;
            return this;
        }

        /** Where the other thread was, if it still was inside the call. */
        public Builder otherActedAt(StackTraceElement[] otherActedAt) {
            this.otherActedAt = otherActedAt;
            return this;
        }

        /** The connection's URL, raw (the report redacts it). */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** The SQL of the call or the resource, raw (the report sanitizes it). */
        public Builder sql(String sql) {
            this.sql = sql;
            return this;
        }

        /** The test method running where the misuse happened. */
        public Builder test(String test) {
            this.test = test;
            return this;
        }

        /** The test method that opened the resource. */
        public Builder createdInTest(String createdInTest) {
            this.createdInTest = createdInTest;
            return this;
        }

        /** Statements and result sets: their connection's creation stack. */
        public Builder connectionCreatedAt(StackTraceElement[] connectionCreatedAt) {
            this.connectionCreatedAt = connectionCreatedAt;
            return this;
        }

        /** {@code Class.method} of the framework's code that opened the connection. */
        public Builder openedBy(String openedBy) {
            this.openedBy = openedBy;
            return this;
        }

        /** The application method the framework opened the connection for. */
        public Builder openedFor(String openedFor) {
            this.openedFor = openedFor;
            return this;
        }

        /** {@link Finding#NESTED_ACQUIRE}: the pool's class. */
        public Builder poolClass(String poolClass) {
            this.poolClass = poolClass;
            return this;
        }

        /** {@link Finding#NESTED_ACQUIRE}: the pool's name, where it has one. */
        public Builder poolName(String poolName) {
            this.poolName = poolName;
            return this;
        }

        /** {@link Finding#USE_AFTER_CLOSE}: the thread that closed the resource (or the parent that closed it). */
        public Builder closedBy(ThreadInfo closedBy) {
            this.closedBy = closedBy;
            return this;
        }

        /** {@link Finding#USE_AFTER_CLOSE}: where it was closed. */
        public Builder closedAt(StackTraceElement[] closedAt) {
            this.closedAt = closedAt;
            return this;
        }

        /** {@link Finding#USE_AFTER_CLOSE}: when it was closed, epoch millis (0 unknown). */
        public Builder closedTime(long closedTime) {
            this.closedTime = closedTime;
            return this;
        }

        /** The finding, stamped with the current time. */
        public Finding build() {
            return new Finding(this);
        }
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
