package io.connguard.runtime;

import java.security.ProtectionDomain;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lines of the application's own code that make statements, known as its classes load. Each
 * call of {@code createStatement}, {@code prepareStatement} or {@code prepareCall} through the
 * {@code java.sql.Connection} interface in such a class is rewritten to go through the method of
 * the same name in {@link SiteCalls}, with one more argument: the call's site, a number standing for its class,
 * method, source file and line, read from the class file. The statement that call makes takes that
 * frame as its creating line ({@link Resource#createdAt}): the frame {@link Stacks#callerOf} would
 * find in a stack taken there, for the price of two field writes instead of a stack.
 *
 * <p>A site is used only where the stack would have named it: the class is the application's by
 * its name ({@link Stacks#namesApplicationCode}), in no named module, and its code ({@link #code})
 * holds no class implementing JDBC. A driver's own code makes statements inside its own calls
 * ({@link Stacks#madeInsideJdbcCall}); that is known from a stack only, so a class of a driver's
 * code, whichever loaded first, takes one.
 */
public final class CallSites {
    /** A site's frame and its class's {@link #code}. */
    private static final class Site {
        final StackTraceElement frame;
        final String code;

        Site(StackTraceElement frame, String code) {
            this.frame = frame;
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
     * {@code domain}) may be rewritten to pass their sites; see the class comment.
     */
    public static boolean mayRewrite(String className, Module module, ProtectionDomain domain) {
        if (module != null && module.isNamed() || !Stacks.namesApplicationCode(className)) return false;
        String code = code(className, domain);
        return code != null && !JDBC_CODE.contains(code);
    }

    /**
     * A site of a class {@link #mayRewrite} allowed: {@code loaderName} its loader's name (as a
     * stack names it), {@code line} -1 when the class file has none. Returns its number, or 0 for a
     * frame a stack would skip as generated ({@link Stacks#isGenerated}): that call stays as it is.
     */
    public static synchronized int register(String loaderName, String className, String method, String file, int line,
                                            ProtectionDomain domain) {
        StackTraceElement frame = new StackTraceElement(loaderName, null, null, className, method, file, line);
        if (Stacks.isGenerated(frame)) return 0;
        Site[] all = sites;
        if (count == all.length) all = Arrays.copyOf(all, all.length * 2);
        all[count] = new Site(Stacks.creatingLine(frame), code(className, domain));
        sites = all; // publishes the site: the volatile write comes after it
        return count++;
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
     * The frame of site {@code site}, the creating line of a statement made there; null for 0 (no
     * site) and for a site whose class's code turned out to hold a JDBC class.
     */
    public static StackTraceElement frame(int site) {
        if (site == 0) return null;
        Site known = sites[site];
        return JDBC_CODE.contains(known.code) ? null : known.frame;
    }
}
