package io.connguard.runtime;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stack capture, only where it pays: a connection's creation, and a finding. Frames of the JDK,
 * of connguard, of any instrumented JDBC class, of pools and of data-access frameworks are dropped
 * from the top, so a stack starts at the application's own code.
 */
final class Stacks {
    private static final StackWalker WALKER = StackWalker.getInstance(EnumSet.of(StackWalker.Option.RETAIN_CLASS_REFERENCE));
    private static final String[] JDK = {"java.", "javax.", "jdk.", "sun.", "com.sun.", "io.connguard.runtime.", "io.connguard.shaded."};
    /** Not pools, but libraries between the application and JDBC; their frames are not the application's. */
    private static final String[] FRAMEWORKS = {
        "org.springframework.", "org.hibernate.", "org.jooq.", "org.apache.ibatis.", "org.mybatis.", "org.jdbi.",
        "com.p6spy.", "net.ttddyy.dsproxy.", "io.opentelemetry."};
    /** Names of instrumented classes, to trim another thread's stack, which comes without classes. */
    static final Set<String> INSTRUMENTED = ConcurrentHashMap.newKeySet();

    private Stacks() {}

    /**
     * Where test frameworks call a test method reflectively: the application frame just above one
     * of these is the test (JUnit 5, JUnit 4, TestNG).
     */
    private static final String[] TEST_INVOKERS = {
        "org.junit.platform.commons.util.ReflectionUtils", "org.junit.runners.model.FrameworkMethod",
        "org.testng.internal.MethodInvocationHelper", "org.testng.internal.invokers.MethodInvocationHelper"};

    /** A stack, whether the code that made the outermost JDBC call is a pool's, and the test it ran in. */
    static final class Captured {
        final StackTraceElement[] frames;
        final boolean poolCaller;
        /** {@code Class.method} of the test method on this stack, or null outside of tests. */
        final String test;

        Captured(StackTraceElement[] frames, boolean poolCaller, String test) {
            this.frames = frames;
            this.poolCaller = poolCaller;
            this.test = test;
        }
    }

    static StackTraceElement[] here() {
        return capture().frames;
    }

    /**
     * The pool decision looks at the caller of the outermost call (the first frame outside the JDK
     * and the instrumented JDBC classes), never at frames inside the call: a pool's proxy classes
     * live in the pool's package but are the user's resources.
     */
    static Captured capture() {
        List<StackWalker.StackFrame> frames = WALKER.walk(s -> {
            List<StackWalker.StackFrame> all = new ArrayList<>();
            s.limit(Config.stackDepth + 128L).forEach(all::add);
            return all;
        });
        int caller = -1, application = -1;
        for (int i = 0; i < frames.size() && application < 0; i++) {
            StackWalker.StackFrame f = frames.get(i);
            String name = f.getClassName();
            if (startsWithAny(name, JDK) || JdbcImplementation.class.isAssignableFrom(f.getDeclaringClass())) continue;
            if (caller < 0) caller = i;
            if (!startsWithAny(name, Config.pools) && !startsWithAny(name, FRAMEWORKS)) application = i;
        }
        boolean poolCaller = caller >= 0 && startsWithAny(frames.get(caller).getClassName(), Config.pools);
        int from = application >= 0 ? application : caller >= 0 ? caller : firstOutsideRuntime(frames);
        int to = Math.min(frames.size(), from + Config.stackDepth);
        StackTraceElement[] out = new StackTraceElement[Math.max(0, to - from)];
        for (int i = from; i < to; i++) out[i - from] = frames.get(i).toStackTraceElement();
        return new Captured(out, poolCaller, testOf(frames));
    }

    private static String testOf(List<StackWalker.StackFrame> frames) {
        String candidate = null;
        for (StackWalker.StackFrame f : frames) {
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
        int to = Math.min(all.length, from + Config.stackDepth);
        StackTraceElement[] out = new StackTraceElement[Math.max(0, to - from)];
        System.arraycopy(all, from, out, 0, out.length);
        return out;
    }

    private static boolean isPlumbing(String name) {
        return startsWithAny(name, JDK) || startsWithAny(name, Config.pools) || startsWithAny(name, FRAMEWORKS);
    }

    private static int firstOutsideRuntime(List<StackWalker.StackFrame> frames) {
        int i = 0;
        while (i < frames.size() && frames.get(i).getClassName().startsWith("io.connguard.runtime.")) i++;
        return i;
    }

    private static boolean startsWithAny(String name, String[] prefixes) {
        for (String p : prefixes) {
            if (name.startsWith(p)) return true;
        }
        return false;
    }
}
