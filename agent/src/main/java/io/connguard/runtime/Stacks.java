package io.connguard.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stacks, only where they pay: a connection's creation, and a finding. A creation stack is taken
 * as a {@link Throwable}, whose frames the JVM records without making objects of them; they are
 * read, and trimmed, only if a report needs them. Frames of the JDK, of connguard, of any
 * instrumented JDBC class, of pools and of data-access frameworks are dropped from the top, so a
 * stack starts at the application's own code.
 */
final class Stacks {
    private static final String[] JDK = {"java.", "javax.", "jdk.", "sun.", "com.sun.", "io.connguard.runtime.", "io.connguard.shaded."};
    /** Not pools, but libraries between the application and JDBC; their frames are not the application's. */
    private static final String[] FRAMEWORKS = {
        "org.springframework.", "org.hibernate.", "org.jooq.", "org.apache.ibatis.", "org.mybatis.", "org.jdbi.",
        "com.p6spy.", "net.ttddyy.dsproxy.", "io.opentelemetry."};
    /**
     * Where test frameworks call a test method reflectively: the application frame just above one
     * of these is the test (JUnit 5, JUnit 4, TestNG).
     */
    private static final String[] TEST_INVOKERS = {
        "org.junit.platform.commons.util.ReflectionUtils", "org.junit.runners.model.FrameworkMethod",
        "org.testng.internal.MethodInvocationHelper", "org.testng.internal.invokers.MethodInvocationHelper"};
    /** Names of instrumented classes, to trim stacks and find the caller of the outermost call. */
    static final Set<String> INSTRUMENTED = ConcurrentHashMap.newKeySet();

    private Stacks() {}

    /**
     * Whether the code that made the outermost JDBC call on this stack (the first frame outside the
     * JDK and the instrumented JDBC classes) is a pool's. Only that frame decides, never frames
     * inside the call: a pool's proxy classes live in the pool's package but are the user's resources.
     */
    static boolean callerIsPool(StackTraceElement[] frames) {
        for (StackTraceElement f : frames) {
            String name = f.getClassName();
            if (!startsWithAny(name, JDK) && !INSTRUMENTED.contains(name)) return startsWithAny(name, Config.pools);
        }
        return false;
    }

    /** The stack here, trimmed to the application's frames. */
    static StackTraceElement[] here() {
        return trimmed(new Throwable().getStackTrace());
    }

    /**
     * From the first application frame (outside the JDK, the JDBC classes, pools and frameworks;
     * failing that, the caller of the outermost JDBC call), {@code stackDepth} frames.
     */
    static StackTraceElement[] trimmed(StackTraceElement[] frames) {
        int caller = -1, application = -1;
        for (int i = 0; i < frames.length && application < 0; i++) {
            String name = frames[i].getClassName();
            if (startsWithAny(name, JDK) || INSTRUMENTED.contains(name)) continue;
            if (caller < 0) caller = i;
            if (!startsWithAny(name, Config.pools) && !startsWithAny(name, FRAMEWORKS)) application = i;
        }
        int from = application >= 0 ? application : caller >= 0 ? caller : firstOutsideRuntime(frames);
        return copy(frames, from);
    }

    /** {@code Class.method} of the test method on this stack, or null outside of tests. */
    static String testOf(StackTraceElement[] frames) {
        String candidate = null;
        for (StackTraceElement f : frames) {
            String name = f.getClassName();
            if (startsWithAny(name, TEST_INVOKERS)) return candidate;
            if (!startsWithAny(name, JDK)) candidate = name + "." + f.getMethodName();
        }
        return null;
    }

    /** Another thread's stack, as far as it can be taken: trimmed down to below its outermost JDBC call. */
    static StackTraceElement[] of(Thread t) {
        if (t == null) return null;
        StackTraceElement[] all = t.getStackTrace();
        int deepestJdbc = -1;
        for (int i = 0; i < all.length; i++) {
            if (INSTRUMENTED.contains(all[i].getClassName())) deepestJdbc = i;
        }
        int from = deepestJdbc + 1;
        while (from < all.length && isPlumbing(all[from].getClassName())) from++;
        if (from >= all.length) from = deepestJdbc + 1;
        return copy(all, from);
    }

    private static StackTraceElement[] copy(StackTraceElement[] all, int from) {
        int to = Math.min(all.length, from + Config.stackDepth);
        StackTraceElement[] out = new StackTraceElement[Math.max(0, to - from)];
        System.arraycopy(all, from, out, 0, out.length);
        return out;
    }

    private static boolean isPlumbing(String name) {
        return startsWithAny(name, JDK) || startsWithAny(name, Config.pools) || startsWithAny(name, FRAMEWORKS);
    }

    private static int firstOutsideRuntime(StackTraceElement[] frames) {
        int i = 0;
        while (i < frames.length && frames[i].getClassName().startsWith("io.connguard.runtime.")) i++;
        return i;
    }

    private static boolean startsWithAny(String name, String[] prefixes) {
        for (String p : prefixes) {
            if (name.startsWith(p)) return true;
        }
        return false;
    }
}
