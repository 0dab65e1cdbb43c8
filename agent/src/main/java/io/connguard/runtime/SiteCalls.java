package io.connguard.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import jdk.internal.vm.annotation.Hidden;

/**
 * What a statement-making call in the application's code calls instead, with its site (see
 * {@link CallSites}): one method per statement-making method of {@code java.sql.Connection}, taking
 * that method's receiver and arguments and then the site. Each makes the call it stands for,
 * returns what it returns and throws what it throws. Each is {@link Hidden}, as the JDK's own
 * plumbing is: a stack taken inside one, an exception's too, shows the caller's frame just below
 * the driver's, as without connguard. While the call runs, the thread's state holds the site, for
 * the statement the call makes ({@link Lifecycle#handedOut}).
 *
 * <p>This class lives where connguard's runtime does, in the boot loader, which cannot see
 * {@code java.sql}: the calls go through method handles, typed {@code Object}, found through the
 * platform loader; the rewritten call site casts what they return.
 */
public final class SiteCalls {
    private static final MethodHandle CREATE = handle("createStatement", "Statement");
    private static final MethodHandle CREATE_II = handle("createStatement", "Statement", int.class, int.class);
    private static final MethodHandle CREATE_III = handle("createStatement", "Statement", int.class, int.class, int.class);
    private static final MethodHandle PREPARE = handle("prepareStatement", "PreparedStatement", String.class);
    private static final MethodHandle PREPARE_KEYS = handle("prepareStatement", "PreparedStatement", String.class, int.class);
    private static final MethodHandle PREPARE_INDEXES = handle("prepareStatement", "PreparedStatement", String.class, int[].class);
    private static final MethodHandle PREPARE_NAMES = handle("prepareStatement", "PreparedStatement", String.class, String[].class);
    private static final MethodHandle PREPARE_II = handle("prepareStatement", "PreparedStatement", String.class, int.class, int.class);
    private static final MethodHandle PREPARE_III =
        handle("prepareStatement", "PreparedStatement", String.class, int.class, int.class, int.class);
    private static final MethodHandle CALL = handle("prepareCall", "CallableStatement", String.class);
    private static final MethodHandle CALL_II = handle("prepareCall", "CallableStatement", String.class, int.class, int.class);
    private static final MethodHandle CALL_III = handle("prepareCall", "CallableStatement", String.class, int.class, int.class, int.class);

    private SiteCalls() {}

    /** {@code Connection.createStatement()} made at {@code site}; returns the {@code Statement}. */
    @Hidden
    public static Object createStatement(Object c, int site) throws Throwable {
        ThreadState s = ThreadState.current();
        int outer = s.enterSite(site);
        try { return (Object) CREATE.invokeExact(c); } finally { s.callSite = outer; }
    }

    /** {@code Connection.createStatement(int, int)} made at {@code site}; returns the {@code Statement}. */
    @Hidden
    public static Object createStatement(Object c, int type, int concurrency, int site) throws Throwable {
        ThreadState s = ThreadState.current();
        int outer = s.enterSite(site);
        try { return (Object) CREATE_II.invokeExact(c, type, concurrency); } finally { s.callSite = outer; }
    }

    /** {@code Connection.createStatement(int, int, int)} made at {@code site}; returns the {@code Statement}. */
    @Hidden
    public static Object createStatement(Object c, int type, int concurrency, int holdability, int site) throws Throwable {
        ThreadState s = ThreadState.current();
        int outer = s.enterSite(site);
        try { return (Object) CREATE_III.invokeExact(c, type, concurrency, holdability); } finally { s.callSite = outer; }
    }

    /** {@code Connection.prepareStatement(String)} made at {@code site}; returns the {@code PreparedStatement}. */
    @Hidden
    public static Object prepareStatement(Object c, Object sql, int site) throws Throwable {
        ThreadState s = ThreadState.current();
        int outer = s.enterSite(site);
        try { return (Object) PREPARE.invokeExact(c, sql); } finally { s.callSite = outer; }
    }

    /** {@code Connection.prepareStatement(String, int)} made at {@code site}; returns the {@code PreparedStatement}. */
    @Hidden
    public static Object prepareStatement(Object c, Object sql, int keys, int site) throws Throwable {
        ThreadState s = ThreadState.current();
        int outer = s.enterSite(site);
        try { return (Object) PREPARE_KEYS.invokeExact(c, sql, keys); } finally { s.callSite = outer; }
    }

    /** {@code Connection.prepareStatement(String, int[])} made at {@code site}; returns the {@code PreparedStatement}. */
    @Hidden
    public static Object prepareStatement(Object c, Object sql, int[] columns, int site) throws Throwable {
        ThreadState s = ThreadState.current();
        int outer = s.enterSite(site);
        try { return (Object) PREPARE_INDEXES.invokeExact(c, sql, (Object) columns); } finally { s.callSite = outer; }
    }

    /** {@code Connection.prepareStatement(String, String[])} made at {@code site}; returns the {@code PreparedStatement}. */
    @Hidden
    public static Object prepareStatement(Object c, Object sql, String[] columns, int site) throws Throwable {
        ThreadState s = ThreadState.current();
        int outer = s.enterSite(site);
        try { return (Object) PREPARE_NAMES.invokeExact(c, sql, (Object) columns); } finally { s.callSite = outer; }
    }

    /** {@code Connection.prepareStatement(String, int, int)} made at {@code site}; returns the {@code PreparedStatement}. */
    @Hidden
    public static Object prepareStatement(Object c, Object sql, int type, int concurrency, int site) throws Throwable {
        ThreadState s = ThreadState.current();
        int outer = s.enterSite(site);
        try { return (Object) PREPARE_II.invokeExact(c, sql, type, concurrency); } finally { s.callSite = outer; }
    }

    /** {@code Connection.prepareStatement(String, int, int, int)} made at {@code site}; returns the {@code PreparedStatement}. */
    @Hidden
    public static Object prepareStatement(Object c, Object sql, int type, int concurrency, int holdability, int site) throws Throwable {
        ThreadState s = ThreadState.current();
        int outer = s.enterSite(site);
        try { return (Object) PREPARE_III.invokeExact(c, sql, type, concurrency, holdability); } finally { s.callSite = outer; }
    }

    /** {@code Connection.prepareCall(String)} made at {@code site}; returns the {@code CallableStatement}. */
    @Hidden
    public static Object prepareCall(Object c, Object sql, int site) throws Throwable {
        ThreadState s = ThreadState.current();
        int outer = s.enterSite(site);
        try { return (Object) CALL.invokeExact(c, sql); } finally { s.callSite = outer; }
    }

    /** {@code Connection.prepareCall(String, int, int)} made at {@code site}; returns the {@code CallableStatement}. */
    @Hidden
    public static Object prepareCall(Object c, Object sql, int type, int concurrency, int site) throws Throwable {
        ThreadState s = ThreadState.current();
        int outer = s.enterSite(site);
        try { return (Object) CALL_II.invokeExact(c, sql, type, concurrency); } finally { s.callSite = outer; }
    }

    /** {@code Connection.prepareCall(String, int, int, int)} made at {@code site}; returns the {@code CallableStatement}. */
    @Hidden
    public static Object prepareCall(Object c, Object sql, int type, int concurrency, int holdability, int site) throws Throwable {
        ThreadState s = ThreadState.current();
        int outer = s.enterSite(site);
        try { return (Object) CALL_III.invokeExact(c, sql, type, concurrency, holdability); } finally { s.callSite = outer; }
    }

    /**
     * {@code Connection.name(parameters)} returning {@code java.sql.<returned>}, as a handle whose
     * reference types are all {@code Object}.
     */
    private static MethodHandle handle(String name, String returned, Class<?>... parameters) {
        try {
            ClassLoader platform = ClassLoader.getPlatformClassLoader();
            Class<?> connection = Class.forName("java.sql.Connection", false, platform);
            Class<?> statement = Class.forName("java.sql." + returned, false, platform);
            MethodHandle h = MethodHandles.publicLookup().findVirtual(connection, name, MethodType.methodType(statement, parameters));
            return h.asType(h.type().erase());
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
