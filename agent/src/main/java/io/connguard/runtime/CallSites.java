package io.connguard.runtime;

import java.security.ProtectionDomain;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls in the application's own code that make statements, known as its classes load. Just
 * before each call of {@code createStatement}, {@code prepareStatement} or {@code prepareCall}
 * through the {@code java.sql.Connection} interface in such a class, a call of {@link #at} is
 * inserted with the call's site, a number. The entry hook of the connection's method takes it
 * ({@link Guard#enterMaker}), and every statement made there keeps one frame, the line's, as its
 * creating line ({@link Resource#createdAt}): the frame {@link Stacks#callerOf} finds in a stack
 * taken there, read from one stack per site instead of one per statement. The call itself is
 * left as it was, so it behaves and fails as it did.
 *
 * <p>A site is used only where the stack would have named it: the class is the application's by
 * its name ({@link Stacks#namesApplicationCode}), in no named module, and its code ({@link #code})
 * holds no class implementing JDBC. A driver's own code makes statements inside its own calls
 * ({@link Stacks#madeInsideJdbcCall}); that is known from a stack only, so a class of a driver's
 * code, whichever loaded first, takes one.
 */
public final class CallSites {
    /** Where the first statement made at a site showed it is not the frame a stack names. */
    private static final StackTraceElement NOT_THE_CALLER = new StackTraceElement("", "", null, -1);

    /** A call in a class's method, its class's {@link #code}, and the frame of its line once known. */
    private static final class Site {
        final String className;
        final String method;
        final String code;
        /** The frame a stack gives the line, taken at the first statement made there; {@link #NOT_THE_CALLER} if that stack named another. */
        volatile StackTraceElement frame;

        Site(String className, String method, String code) {
            this.className = className;
            this.method = method;
            this.code = code;
        }
    }

    /** By number; 0 is no site. Grown under the class's lock, read without it. */
    private static volatile Site[] sites = new Site[256];
    private static int count = 1;
    /** The {@link #code} of the classes that implement a {@code java.sql} or {@code javax.sql} interface. */
    private static final Set<String> JDBC_CODE = ConcurrentHashMap.newKeySet();

    private CallSites() {}

    /**
     * Whether the calls in a class ({@code className} dotted, in {@code module}, loaded from
     * {@code domain}) may be given their sites; see the class comment.
     */
    public static boolean mayRewrite(String className, Module module, ProtectionDomain domain) {
        if (module != null && module.isNamed() || !Stacks.namesApplicationCode(className)) return false;
        String code = code(className, domain);
        return code != null && !JDBC_CODE.contains(code);
    }

    /** A statement-making call in {@code method} of a class {@link #mayRewrite} allowed; returns its number, never 0. */
    public static synchronized int register(String className, String method, ProtectionDomain domain) {
        Site[] all = sites;
        if (count == all.length) all = Arrays.copyOf(all, all.length * 2);
        all[count] = new Site(className, method, code(className, domain));
        sites = all; // publishes the site: the volatile write comes after it
        return count++;
    }

    /**
     * The application's code is about to call a statement-making method of {@code connection} at
     * {@code site}, a number {@link #register} gave. Inserted just before such calls, and for them
     * only: the call's entry hook takes the site ({@link #take}). None is set for a call that will
     * not reach a hook: on null (it throws), on a connection whose class has no hooks.
     */
    public static void at(Object connection, int site) {
        if (connection instanceof Tracked || connection != null && Config.attached) ThreadState.current().callSite = site;
    }

    /** The site passed for the statement-making call now beginning on this thread, 0 if none; taken, so no later call finds it. */
    static int take() {
        ThreadState s = ThreadState.current();
        int site = s.callSite;
        s.callSite = 0;
        return site;
    }

    /** A class ({@code className} dotted) that implements a JDBC interface was loaded from {@code domain}. */
    public static void jdbcClassLoaded(String className, ProtectionDomain domain) {
        String code = code(className, domain);
        if (code != null) JDBC_CODE.add(code);
    }

    /**
     * Whose code a class is: where it was loaded from and the first two parts of its package
     * ({@code org.postgresql} of {@code org.postgresql.jdbc.TypeInfoCache}), so that in a jar that
     * bundles a driver with the application (a shaded jar) the application's classes are still
     * its own. Null when the place is unknown.
     */
    private static String code(String className, ProtectionDomain domain) {
        String location = CodeLocation.of(domain);
        if (location == null) return null;
        int first = className.indexOf('.');
        int second = first < 0 ? -1 : className.indexOf('.', first + 1);
        int end = second >= 0 ? second : Math.max(className.lastIndexOf('.'), 0);
        return location + ' ' + className.substring(0, end);
    }

    /**
     * The creating line of a statement the outermost call made at {@code site}: the frame a stack
     * taken in that call would name ({@link Stacks#callerOf}), read from one stack, at the first
     * statement made there, so that it is the JVM's own frame (its line, its class loader's name).
     * Null for 0 (no site), for a site whose class's code turned out to hold a JDBC class, and for
     * one whose first stack named another frame (code between the call and the connection that has
     * no hooks, a call made inside the driver's own): those statements take their stack.
     */
    static StackTraceElement frame(int site) {
        if (site == 0) return null;
        Site known = sites[site];
        if (JDBC_CODE.contains(known.code)) return null;
        StackTraceElement f = known.frame;
        if (f == null) known.frame = f = callerIn(known, new Throwable());
        return f == NOT_THE_CALLER ? null : f;
    }

    private static StackTraceElement callerIn(Site site, Throwable here) {
        if (Stacks.madeInsideJdbcCall(here)) return NOT_THE_CALLER;
        StackTraceElement caller = Stacks.callerOf(here);
        return caller != null && caller.getClassName().equals(site.className) && caller.getMethodName().equals(site.method)
            ? Stacks.creatingLine(caller) : NOT_THE_CALLER;
    }
}
