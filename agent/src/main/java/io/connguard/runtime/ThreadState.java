package io.connguard.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.util.List;

/**
 * What connguard knows of one thread: the JDBC call depth (only the outermost call is checked),
 * its identity for reports, and the connections it owns that are still open. A resource's owner
 * is its {@code ThreadState}; the owner's own calls find their state there, without a
 * thread-local lookup.
 */
final class ThreadState {
    private static final ThreadLocal<ThreadState> CURRENT = new ThreadLocal<>();
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

    final long threadId;
    /** Weak, so that a report never keeps a thread alive; cleared or dead means the thread ended. */
    private final WeakReference<Thread> thread;
    private final boolean virtual;
    volatile String name;

    /** Depth of JDBC calls in progress on this thread; only touched by the thread itself. */
    int depth;
    /** The connection family of the outermost call in progress, null outside of calls. */
    ConnectionResource outer;
    /** Whether that outermost call is a {@code close()}: the closes nested in it are its releases. */
    boolean outerIsClose;
    /** The URL of a driver connect nested in the outermost open, for the connection it returns. */
    String pendingUrl;
    /**
     * The auto-commit mode the last {@code setAutoCommit} nested in the outermost open left (a
     * pool's borrow, a data source's {@code getConnection}), for the connection it returns; null if none.
     */
    Boolean pendingAutoCommit;
    /** The outermost open enlisted its connection in a global transaction ({@link Stacks#insideEnlistment}). */
    boolean pendingEnlisted;
    /**
     * Connections that opens nested in the outermost open returned (a pool opening its physical
     * connections as it lends one), null if none: those it does not return are the pool's.
     */
    List<Object> openedInside;

    /**
     * Nanoseconds connguard itself has spent on this thread (rewriting classes as they load,
     * examining a misuse): never the application's time, so never part of a hold. Written by the
     * thread itself, read by the leak watcher.
     */
    volatile long agentNanos;
    /** When connguard's work now in progress on this thread began (nanoTime), 0 when there is none. */
    volatile long agentSince;
    /** The pool's data source of the outermost open in progress, once one returned a connection; null otherwise and outside opens. */
    Object borrowPool;
    /** The pool's data source of the outermost open in progress, once one threw; null otherwise and outside opens. */
    Object failedBorrowPool;
    /** A {@code PooledConnection}'s {@code getConnection} returned a handle in the outermost open in progress; false outside opens. */
    boolean handleInOpen;

    /**
     * The last call this thread was about to report: its family, its stack and the index of the
     * called method's frame in it, so that the driver's calls inside it are not reported again
     * ({@link InnerCalls}).
     */
    ConnectionResource reportedFamily;
    StackTraceElement[] reportedStack;
    int reportedCall;

    /**
     * The site ({@link CallSites#at}) the application's code passed for the statement-making call
     * it is about to make, until that call's entry takes it; 0 if none. Only touched by the thread
     * itself.
     */
    int callSite;
    /** The site the outermost call in progress took, if it makes statements: the creating line of the statement it makes. */
    int outerSite;

    /** {@link #disposesGarbage}, once asked; only the thread itself reads and writes it. */
    private Boolean disposer;

    /** Open connections this thread owns. */
    final ResourceList<ConnectionResource> connections = new ResourceList<>();
    /** Whether {@link OpenResources} knows this thread. */
    boolean registered;

    private ThreadState(Thread t) {
        this.threadId = t.getId();
        this.thread = new WeakReference<>(t);
        this.virtual = isVirtual(t);
        this.name = t.getName();
    }

    /**
     * Whether this is a thread on which the JVM disposes of objects the application dropped: the
     * finalizer's, or a {@code Cleaner}'s. Read from its stack the first time a check asks (such a
     * thread does nothing else); called by the thread itself.
     */
    boolean disposesGarbage() {
        if (disposer == null) disposer = Stacks.disposesGarbage(new Throwable().getStackTrace());
        return disposer;
    }

    /** Whether {@link #disposesGarbage} was asked and said so: never takes a stack. */
    boolean knownToDisposeGarbage() {
        return disposer == Boolean.TRUE;
    }

    static ThreadState current() {
        ThreadState s = CURRENT.get();
        if (s == null) {
            s = new ThreadState(Thread.currentThread());
            CURRENT.set(s);
        }
        return s;
    }

    static long currentThreadId() {
        return Thread.currentThread().getId();
    }

    boolean isAlive() {
        Thread t = thread.get();
        return t != null && t.isAlive();
    }

    /** Ended as a worker ends: the launcher thread ending is the JVM exiting, not its owner leaving its resources behind. */
    boolean hasEnded() {
        return !isLauncher() && !isAlive();
    }

    boolean isLauncher() {
        return threadId == Config.launcherThreadId;
    }

    Thread thread() {
        return thread.get();
    }

    /** Names change (pools rename their threads); a report names the thread as it was last seen. */
    void refreshName() {
        Thread t = thread.get();
        if (t != null) name = t.getName();
    }

    ThreadInfo info() {
        return new ThreadInfo(name, threadId, virtual);
    }

    private static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) return false;
        try {
            return (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            return false;
        }
    }

    /** {@code Thread.isVirtual()} exists from Java 21; the agent runs from Java 11. */
    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
