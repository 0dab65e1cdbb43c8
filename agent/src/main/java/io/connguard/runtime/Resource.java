package io.connguard.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The state of one tracked JDBC object, kept in a field of the object itself; it never refers to
 * its object. A connection is the root of a family, and its state ({@link ConnectionResource})
 * also holds what only a family has: the "thread inside a call" slot, the list of open statements,
 * the transaction and the pool it came from, and the weak reference by which {@link LeakWatcher}
 * learns that the connection was collected while open. A statement or result set keeps only what
 * every resource has: an unclosed statement costs this much.
 *
 * <p><b>Who writes what.</b> A resource is made by the thread whose outermost JDBC call returned its
 * object (its owner) and is read by any thread: other application threads (the checks), the leak
 * watcher ({@link LeakWatcher}, {@link OpenResources}) and the exit hook. No lock guards the fields;
 * each kind of field has its own rule:
 * <ul>
 *   <li>{@link #resourceType}, {@link #jdbcClass}, {@link #connection}, and a connection's
 *       {@code openedAt}, {@code children}: final, safe to read from any thread once the resource
 *       is reachable; so is a connection's {@code openedInside}, written before it is. A connection's {@code url}: volatile, set at the open or learned once from the
 *       connection it wraps.</li>
 *   <li>{@link #owner}, {@link #parent}, {@link #creation}, {@link #sql}: written by the thread whose
 *       outermost call made the resource or renewed it ({@link #renew}, a statement's next result set),
 *       and, with {@code handoff=allow}, by the thread it moves to while that thread alone is inside
 *       the family. Other threads read them racily: a stale owner makes a check see the previous
 *       owner, never a torn value (references).</li>
 *   <li>{@link #closed} and {@link #id}: published with release stores ({@link #markClosed},
 *       {@link #renew}) and read as volatile, so a thread that sees a resource closed, or a new life
 *       begun, sees the plain writes made before it. An id is assigned once, under the class lock.</li>
 *   <li>{@link #closedBy}, {@link #closedTime}, {@link #closing}: plain, written by the closing thread
 *       before the close is published; read only by a later {@code USE_AFTER_CLOSE} finding, which
 *       reads {@link #closed} first.</li>
 *   <li>The family's slot ({@code active}): changed only by compare-and-set on entry and a release
 *       store on leave, one uncontended CAS per outermost call; a failed CAS is how a thread finds another inside.</li>
 *   <li>{@link #usedByOthers}, {@link #heldReported}, a connection's {@code wrapped}: volatile flags
 *       any thread may set, never cleared while the resource lives; a connection's {@code drives}:
 *       volatile, set once by the first thread seen driving through it; its {@code nestedBorrow}:
 *       volatile, set by the borrowing thread; its {@code opener}: a volatile answer that any
 *       thread asking first may compute, always with the same result.</li>
 *   <li>{@link #closeOnCompletion}, {@link #resultSets}, a connection's {@code manualCommit},
 *       {@code autoCommitSet}, {@code wraps}, {@code uncommitted}, {@code uncommittedSql},
 *       {@code rolledBackBeneath}, {@code poolClass}, {@code poolIdentity}: plain, touched by the
 *       owner's calls only
 *       (the mode of a pool's physical connection also by the thread it is lent to, one at a time,
 *       the pool's hand-over between them ordering the writes).</li>
 *   <li>{@link #createdAt}: volatile; set by the thread that made the statement, then replaced
 *       once by whichever thread first asks for the creating line (a reporter, the leak watcher);
 *       racing threads write the same frame.</li>
 *   <li>{@link #prev}, {@link #next}, {@link #linked}: guarded by the lock of the one
 *       {@link ResourceList} the resource is in; removal from that list is the claim that decides
 *       which thread reports a leak.</li>
 * </ul>
 */
public class Resource {
    static final int CONNECTION = 0, STATEMENT = 1, PREPARED = 2, CALLABLE = 3, RESULT_SET = 4;
    private static final String[] RESOURCE_TYPE_NAMES = {"Connection", "Statement", "PreparedStatement", "CallableStatement", "ResultSet"};
    private static final VarHandle CLOSED;
    private static final VarHandle ID;
    private static long lastId;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CLOSED = lookup.findVarHandle(Resource.class, "closed", boolean.class);
            ID = lookup.findVarHandle(Resource.class, "id", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What {@link #createdAt} becomes for a statement the driver made inside another JDBC call. */
    private static final Object MADE_INSIDE_JDBC_CALL = new Object();

    /** {@link #CONNECTION}, {@link #STATEMENT}, {@link #PREPARED}, {@link #CALLABLE} or {@link #RESULT_SET}: what a report calls the resource. */
    final int resourceType;
    /** The driver's (or pool's) class of the object. */
    final Class<?> jdbcClass;
    /** The family's root: the connection itself, or the connection a statement or result set belongs to. */
    final ConnectionResource connection;

    Resource parent;
    ThreadState owner;
    /** Where it was made, read only when a report needs it (see {@link Stacks}); null for statements and result sets unless {@code stacks=all}. */
    Throwable creation;
    /**
     * A statement's creator without {@code stacks=all}: the frame of the application's line that
     * made it, known from the call's site ({@link CallSites}); else the stack where it was made (a
     * {@code Throwable}, whose frames are not even decoded), until a report or the leak watcher's
     * next sweep asks for that frame ({@link #creationFrame}), which then takes its place (one
     * object per line, {@link Stacks#creatingLine}), or {@link #MADE_INSIDE_JDBC_CALL}; null if
     * that frame is out of reach. Filling a stack is cheaper than walking one, and most statements
     * are closed before either asks.
     */
    volatile Object createdAt;
    String sql;
    /** 0 until a report needs it; see {@link #id()}. */
    private volatile long id;

    volatile boolean closed;
    /**
     * Reported {@code HELD_TOO_LONG}: not reported so again, and its close is worth a
     * {@code closedAfterReport} line; still open at the end, it is also that leak.
     */
    volatile boolean heldReported;
    boolean closeOnCompletion;
    /** Used by a thread other than its owner: if the owner ends, the resource was handed on, not left behind. */
    volatile boolean usedByOthers;
    /** Statements (and connections, for metadata): the state of their latest result set, see {@code Lifecycle}. */
    Resource resultSets;
    /**
     * Who closed it (or the statement or connection whose close closed it), when (epoch millis;
     * connections always, others with {@code stacks=all}; 0 unknown) and where (with
     * {@code stacks=all}): what a {@code USE_AFTER_CLOSE} names. Plain fields, set at a close.
     */
    ThreadState closedBy;
    long closedTime;
    Throwable closing;
    /** Links in the one {@link ResourceList} this resource is in; guarded by that list. */
    Resource prev, next;
    boolean linked;

    /** {@code parent}: null for a connection, which is then its own family's root. */
    Resource(Class<?> jdbcClass, int resourceType, Resource parent, ThreadState owner, Throwable creation, String sql) {
        this.resourceType = resourceType;
        this.jdbcClass = jdbcClass;
        this.connection = parent == null ? (ConnectionResource) this : parent.connection;
        this.parent = parent;
        this.owner = owner;
        this.creation = creation;
        this.sql = sql;
    }

    static ConnectionResource connection(Object jdbc, ThreadState owner, Throwable creation, String url) {
        return new ConnectionResource(jdbc, owner, creation, url);
    }

    /**
     * A statement's leak is judged when its connection's life ends ({@code PARENT_CLOSED}, or part of
     * the connection's own leak), never by GC: whether a statement dropped in a loop is collected
     * before its connection closes depends on GC timing, and the same run must give the same report.
     * So it needs no reference to the object: the class is all a report wants of it.
     */
    static Resource statement(Class<?> jdbcClass, int resourceType, ConnectionResource connection, ThreadState owner, Throwable creation,
                              String sql) {
        return new Resource(jdbcClass, resourceType, connection, owner, creation, sql);
    }

    /** Result sets are never reported as leaks (their statement closes them), so neither does a result set's. */
    static Resource resultSet(Class<?> jdbcClass, Resource parent, ThreadState owner, Throwable creation) {
        return new Resource(jdbcClass, RESULT_SET, parent, owner, creation, null);
    }

    /** A result set object handed out again after it was closed: a new life, without allocating. */
    void renew(Resource parent, ThreadState owner, Throwable creation) {
        this.parent = parent;
        this.owner = owner;
        this.creation = creation;
        // release stores: visible to the watcher and to reports soon enough, without a full fence per execution
        CLOSED.setRelease(this, false);
        ID.setRelease(this, 0L);
    }

    void markClosed() {
        CLOSED.setRelease(this, true);
    }

    /**
     * Closed, or released with its statement or connection: JDBC closes a connection's statements
     * and a statement's result sets when it closes, so nothing done to them afterwards is a use.
     */
    boolean released() {
        return closed || connection.closed || parent != null && parent.closed;
    }

    /**
     * The resource whose close released this one: itself, or its statement or connection when the
     * close of those did not reach it (a result set that was not their latest).
     */
    Resource closedThrough() {
        if (closed) return this;
        return parent != null && parent.closed ? parent : connection;
    }

    boolean isStatement() {
        return resourceType != CONNECTION && resourceType != RESULT_SET;
    }

    String resourceTypeName() {
        return RESOURCE_TYPE_NAMES[resourceType];
    }

    String className() {
        return jdbcClass.getName();
    }

    /** Ids are handed out when a report first needs one: no shared counter on the hot path. */
    long id() {
        long current = id;
        if (current != 0) return current;
        synchronized (Resource.class) {
            if (id == 0) id = ++lastId;
            return id;
        }
    }

    /** The statement text: a result set reports its statement's. */
    String sql() {
        for (Resource r = this; r != null; r = r.parent) {
            if (r.sql != null) return r.sql;
        }
        return null;
    }

    /** The test that made it, where known. */
    String createdInTest() {
        Throwable c = creation();
        return c == null ? null : Stacks.testOf(c.getStackTrace());
    }

    /**
     * Where this resource itself was made: its own stack ({@code stacks=all}, and always for a
     * connection), else the one application frame that created a statement (a result set: its
     * statement's). Empty when only its connection's stack is known.
     */
    StackTraceElement[] creationStack() {
        for (Resource r = this; r != null && (r == this || r.resourceType != CONNECTION); r = r.parent) {
            if (r.creation != null) return Stacks.trimmed(r.creation.getStackTrace());
            StackTraceElement frame = r.creationFrame();
            if (frame != null) return new StackTraceElement[] {frame};
        }
        return new StackTraceElement[0];
    }

    /**
     * The application frame that made this statement, read from its creation stack the first time
     * it is asked for; threads that race to ask compute the same frame. Null if none is known.
     */
    StackTraceElement creationFrame() {
        Object at = decodedCreation();
        return at instanceof StackTraceElement ? (StackTraceElement) at : null;
    }

    /**
     * Made by the driver inside another JDBC call ({@link Stacks#madeInsideJdbcCall}): the driver's,
     * never the application's leak. Read from the creation stack while it is whole; the leak
     * watcher's trim keeps the answer.
     */
    boolean madeInsideJdbcCall() {
        if (creation != null) return resourceType != CONNECTION && Stacks.madeInsideJdbcCall(creation);
        return decodedCreation() == MADE_INSIDE_JDBC_CALL;
    }

    /** {@link #createdAt} once decoded: the creating frame, null, or {@link #MADE_INSIDE_JDBC_CALL}. */
    private Object decodedCreation() {
        Object at = createdAt;
        if (at instanceof Throwable) {
            Throwable stack = (Throwable) at;
            createdAt = at = Stacks.madeInsideJdbcCall(stack) ? MADE_INSIDE_JDBC_CALL : Stacks.creatingLine(Stacks.callerOf(stack));
        }
        return at;
    }

    /** The raw frames of the connection's creation, for what its report says about who opened it; empty if unknown. */
    StackTraceElement[] connectionFrames() {
        Throwable c = connection.creation;
        return c == null ? new StackTraceElement[0] : c.getStackTrace();
    }

    /** Connections always carry one; statements and result sets carry their connection's unless {@code stacks=all}. */
    private Throwable creation() {
        for (Resource r = this; r != null; r = r.parent) {
            if (r.creation != null) return r.creation;
        }
        return null;
    }
}
