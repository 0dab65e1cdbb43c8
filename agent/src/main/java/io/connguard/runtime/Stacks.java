package io.connguard.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Stacks, only where they pay: a connection's creation, a statement's caller, and a finding. A
 * creation stack is taken as a {@link Throwable}, whose frames the JVM records without making
 * objects of them; they are read, and trimmed, only if a report needs them.
 *
 * <p>A trimmed stack is what a developer reads to find the line to change: it starts at the first
 * application frame (frames of the JDK, of connguard, of instrumented JDBC classes and the
 * handlers of JDK proxies of JDBC interfaces, of pools, of data-access frameworks and of test
 * frameworks are dropped from the top), ends at the test
 * method when a test framework called it (the runner's plumbing below is noise), never holds a
 * generated frame (CGLIB and Byte Buddy subclasses, Hibernate proxies, lambda forms), and folds
 * each run of framework frames between application frames into one {@link #FOLDED} frame that
 * says how many were left out. So every frame in it that is neither the JDK's, connguard's nor folded is the
 * application's.
 */
public final class Stacks {
    /** The class name of a frame that stands for a run of framework frames left out; its method name says how many. */
    public static final String FOLDED = "...";

    private static final String[] JDK = {"java.", "javax.", "jdk.", "sun.", "com.sun."};
    /** connguard's own code on the application's threads: the runtime and the libraries it shades. */
    private static final String[] CONNGUARD = {"io.connguard.runtime.", "io.connguard.shaded."};
    /**
     * Groovy's runtime: the dynamic dispatch between a Groovy method and what it calls (call sites,
     * meta-classes, closures), a language's plumbing as the JDK's reflection is.
     */
    private static final String[] GROOVY = {"org.codehaus.groovy.", "org.apache.groovy.", "groovy.lang."};
    /** Frames that are neither the application's nor a framework's: the JDK's, connguard's and Groovy's runtime, one array for one scan. */
    private static final String[] PLATFORM = concat(concat(JDK, CONNGUARD), GROOVY);
    /** Reflective plumbing, the JDK's and Groovy's: between two application frames it is folded like a framework's. */
    private static final String[] REFLECTION = concat(new String[] {"java.lang.reflect.", "jdk.internal.reflect.", "sun.reflect.", "java.lang.invoke."}, GROOVY);
    /** Not pools, but libraries between the application and JDBC; their frames are not the application's. */
    private static final String[] FRAMEWORKS = {
        "org.springframework.", "org.hibernate.", "org.jooq.", "org.apache.ibatis.", "org.mybatis.", "org.jdbi.",
        "org.flywaydb.", "liquibase.", "com.p6spy.", "net.ttddyy.dsproxy.", "io.opentelemetry.", "groovy.sql.",
        "jakarta.persistence.", "javax.persistence.", "org.eclipse.persistence."};
    /** Test runners, assertion libraries and build-tool launchers: never the application's code. */
    private static final String[] TEST_FRAMEWORKS = {
        "org.junit.", "junit.", "org.testng.", "org.assertj.", "org.hamcrest.", "org.opentest4j.",
        "org.apache.maven.surefire.", "org.gradle.api.internal.tasks.testing.", "com.intellij.rt.", "org.eclipse.jdt.internal.junit",
        "org.spockframework.", "io.cucumber."};
    /**
     * Where test frameworks call a test method reflectively: the frame just above one of these is
     * the test (JUnit 5, JUnit 4, TestNG, Spock, whose feature methods are named
     * {@code $spock_feature_N_M} in the class it compiles, and Cucumber, whose tests are its steps).
     */
    private static final String[] TEST_INVOKERS = {
        "org.junit.platform.commons.util.ReflectionUtils", "org.junit.runners.model.FrameworkMethod",
        "org.testng.internal.MethodInvocationHelper", "org.testng.internal.invokers.MethodInvocationHelper",
        "org.spockframework.util.ReflectionUtil", "io.cucumber.java.Invoker"};
    /** Names of instrumented classes, to trim stacks and find the caller of the outermost call. */
    static final Set<String> INSTRUMENTED = ConcurrentHashMap.newKeySet();
    /**
     * Of the instrumented classes that open connections and are none (drivers, data sources,
     * pooled connections), the names of their hooked methods: only those frames of theirs are JDBC
     * calls. Their other methods are code like any other: a pool whose data source tends its own
     * connections (ebean's {@code ConnectionPool.heartbeat}) calls JDBC from there.
     */
    static final Map<String, Set<String>> OPENER_CALLS = new ConcurrentHashMap<>();
    /**
     * Names of the classes outside the JDK that implement any {@code java.sql} or {@code javax.sql}
     * interface, instrumented or not ({@code ResultSetMetaData}, {@code Array} and their kin carry no
     * hooks): to tell a call made inside another JDBC call.
     */
    static final Set<String> JDBC_CLASSES = ConcurrentHashMap.newKeySet();

    /** What a frame is, for trimming. */
    enum Role { PLATFORM, JDBC, GENERATED, FRAMEWORK, APPLICATION }

    /** How far a statement's caller is looked for: deeper than any data-access framework, cheaper than a whole stack. */
    private static final int CALLER_SEARCH = 48;

    private Stacks() {}

    /**
     * Whether the code that made the outermost JDBC call on this stack (the first frame outside the
     * JDK and the instrumented JDBC classes) is a pool's. Only that frame decides, never frames
     * inside the call: a pool's proxy classes live in the pool's package but are the user's resources.
     * A pool's code is its package loaded from its jar (see {@link PoolCode}).
     */
    static boolean callerIsPool(StackTraceElement[] frames) {
        int caller = outermostCaller(frames);
        return caller < frames.length && PoolCode.isPool(frames[caller].getClassName());
    }

    /**
     * The index of the first frame outside the JDK, connguard, the JDBC calls ({@link #isJdbcCall})
     * and the handlers of JDBC proxies (frames.length if none).
     */
    private static int outermostCaller(StackTraceElement[] frames) {
        for (int i = 0; i < frames.length; i++) {
            String name = frames[i].getClassName();
            if (startsWithAny(name, PLATFORM) || isJdbcCall(frames[i])) continue;
            int proxy = proxyCalling(frames, i);
            if (proxy < 0) return i;
            i = proxy;
        }
        return frames.length;
    }

    /**
     * When the frame at {@code i} (the first above which all is JDBC and the JDK) is the
     * {@code InvocationHandler} of a JDK proxy of a JDBC interface forwarding a call, the index of
     * that proxy's frame below it; else -1. Such a proxy ({@code jdk.proxy1.$Proxy12}) carries out
     * each call in its handler, so the handler's frames are the wrapper's plumbing, as a wrapper
     * class's own methods are: the line that called the proxy is the application's. A handler is
     * the frames of one class (a lambda is its enclosing class's), with only the JDK's between them
     * and the proxy's frame just below; it forwards when it invokes, reflectively, the proxy's
     * method (the {@code Method} it was handed) on the JDBC object above it. One that does other
     * work instead, or calls its target directly (an audit log writing a row with a statement of
     * its own), is the caller of those calls.
     */
    private static int proxyCalling(StackTraceElement[] frames, int i) {
        int called = i - 1;
        boolean reflective = false;
        for (; called >= 0 && !INSTRUMENTED.contains(frames[called].getClassName()); called--) {
            StackTraceElement f = frames[called];
            if (!startsWithAny(f.getClassName(), PLATFORM)) return -1;
            reflective |= f.getClassName().equals("java.lang.reflect.Method") && f.getMethodName().equals("invoke");
        }
        if (called < 0 || !reflective) return -1;
        String handler = frames[i].getClassName();
        for (int k = i + 1; k < frames.length; k++) {
            String name = frames[k].getClassName();
            if (isJdbcProxy(name)) return frames[k].getMethodName().equals(frames[called].getMethodName()) ? k : -1;
            if (!name.equals(handler) && !startsWithAny(name, PLATFORM) && !isGenerated(frames[k])) return -1;
        }
        return -1;
    }

    /** A JDK dynamic proxy class ({@code $ProxyN}, in whatever package) that implements a JDBC interface. */
    private static boolean isJdbcProxy(String name) {
        return isProxy(name) && (INSTRUMENTED.contains(name) || JDBC_CLASSES.contains(name));
    }

    /** Whether {@code f} is inside a JDBC call: any method of an instrumented class but an opener's own ({@link #OPENER_CALLS}). */
    static boolean isJdbcCall(StackTraceElement f) {
        return INSTRUMENTED.contains(f.getClassName()) && !isOpenersOwnCode(f);
    }

    /** A method of an opener class ({@link #OPENER_CALLS}) that is none of its hooked ones. */
    private static boolean isOpenersOwnCode(StackTraceElement f) {
        Set<String> calls = OPENER_CALLS.get(f.getClassName());
        return calls != null && !calls.contains(f.getMethodName());
    }

    /** A JDK dynamic proxy class, by its name: {@code $ProxyN}, in whatever package ({@code java.lang.reflect.Proxy}). */
    private static boolean isProxy(String name) {
        return name.startsWith("$Proxy", name.lastIndexOf('.') + 1);
    }

    /**
     * {@code Class.method} of the code that made the outermost JDBC call when it is a data-access
     * framework's (Spring's transaction manager beginning a transaction, {@code DataSourceUtils}):
     * the connection was opened by the framework on the application's behalf. Null when the
     * application (or a pool) made the call itself, the running test too, though it lies in a
     * framework's package (a framework's own tests).
     */
    static String frameworkCaller(StackTraceElement[] frames) {
        int test = testFrame(frames);
        String testClass = test < 0 ? null : topLevel(frames[test].getClassName());
        for (int i = 0; i < frames.length; i++) {
            StackTraceElement f = frames[i];
            String name = f.getClassName();
            if (startsWithAny(name, PLATFORM) || isJdbcCall(f) || isGenerated(f)) continue;
            int proxy = proxyCalling(frames, i);
            if (proxy >= 0) {
                i = proxy;
                continue;
            }
            boolean framework = startsWithAny(name, FRAMEWORKS) && !startsWithAny(name, Config.pools) && !isOf(name, testClass);
            return framework ? name + "." + f.getMethodName() : null;
        }
        return null;
    }

    /**
     * {@code Class.method} the application asked for when a framework opened its connection: the
     * method behind the first generated proxy on the stack ({@code OrderExportService$$SpringCGLIB$$0.exportTotal}
     * is {@code OrderExportService.exportTotal}, whose transaction began before its own frame existed),
     * else the first application frame. Null when there is neither.
     */
    static String applicationMethod(StackTraceElement[] frames) {
        int test = testFrame(frames);
        String testClass = test < 0 ? null : topLevel(frames[test].getClassName());
        for (int i = 0; i < frames.length; i++) {
            StackTraceElement f = frames[i];
            String name = f.getClassName();
            if (isGenerated(f)) {
                String user = userClass(name);
                if (user != null) return user + "." + f.getMethodName();
                continue;
            }
            if (role(f, testClass) != Role.APPLICATION) continue;
            int proxy = proxyCalling(frames, i);
            if (proxy < 0) return name + "." + f.getMethodName();
            i = proxy;
        }
        return null;
    }

    /** The class a generated class was made from, or null (a lambda class is not a proxy of anything). */
    private static String userClass(String generated) {
        if (generated.contains("$$Lambda")) return null;
        for (String marker : new String[] {"$$", "$ByteBuddy$", "$HibernateProxy$"}) {
            int at = generated.indexOf(marker);
            if (at > 0) return generated.substring(0, at);
        }
        return null;
    }

    /**
     * Whether this thread is inside JTA's {@code Transaction.enlistResource}: a connection enlisted
     * in a global transaction is committed by the transaction manager through its
     * {@code XAResource}, never by the application (JTA; a {@code Connection.commit} on it throws),
     * and what the resource manager does to it there (an XA start switches auto-commit off) is no
     * transaction of the application's. Walks the stack; asked only for a {@code setAutoCommit}
     * inside an open.
     */
    static boolean insideEnlistment() {
        return WALKER.walk(ENLISTMENT);
    }

    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final Function<Stream<StackWalker.StackFrame>, Boolean> ENLISTMENT = new Function<>() {
        @Override
        public Boolean apply(Stream<StackWalker.StackFrame> frames) {
            Iterator<StackWalker.StackFrame> i = frames.iterator();
            while (i.hasNext()) {
                if (i.next().getMethodName().equals("enlistResource")) return true;
            }
            return false;
        }
    };

    /**
     * Whether these are the frames of the JVM disposing of unreachable objects: a {@code finalize()}
     * run by {@code java.lang.ref.Finalizer}, or a cleaning action run by a {@code Cleaner}'s
     * thread ({@code jdk.internal.ref.CleanerImpl}).
     */
    static boolean disposesGarbage(StackTraceElement[] frames) {
        for (StackTraceElement f : frames) {
            String name = f.getClassName();
            if (name.equals("java.lang.ref.Finalizer") || name.startsWith("java.lang.ref.Finalizer$")
                    || name.equals("jdk.internal.ref.CleanerImpl")) {
                return true;
            }
        }
        return false;
    }

    /** The stack here, trimmed to the application's frames. */
    static StackTraceElement[] here() {
        return trimmed(new Throwable().getStackTrace());
    }

    /**
     * Whether the outermost call that made an object at {@code here} was itself made inside a
     * method of a JDBC class further down the stack: the driver's own work then, as an object made
     * by a nested call is (pgjdbc's type cache prepares its lookups inside {@code getObject()} or
     * a {@code ResultSetMetaData} call, its {@code Array} executes a statement for
     * {@code getResultSet()}). No hook counted that enclosing call: column accessors carry no exit,
     * and those interfaces no hooks. The JDK's frames never count: its JDBC classes are not rewritten;
     * nor do its dynamic proxies', in whatever package it defines them (a proxy of a package-private
     * interface lives in that interface's package): a proxy only hands each call to its handler.
     */
    static boolean madeInsideJdbcCall(Throwable here) {
        StackTraceElement[] frames = here.getStackTrace();
        for (int i = outermostCaller(frames); i < frames.length; i++) {
            String name = frames[i].getClassName();
            if (JDBC_CLASSES.contains(name) && !startsWithAny(name, PLATFORM) && !isProxy(name) && !isOpenersOwnCode(frames[i])) return true;
        }
        return false;
    }

    /**
     * The application frame that called into JDBC where {@code here} was made, looked for among its
     * first few dozen frames: a statement's creation site. Under a test whose class lives in a
     * framework's package (a library's own test suite), the innermost frame of the test's class,
     * of its nested classes or of its lambdas: the test's code, as in {@link #trimmed}. Null when
     * neither is within reach.
     */
    static StackTraceElement callerOf(Throwable here) {
        StackTraceElement[] frames = here.getStackTrace();
        StackTraceElement lastFramework = null;
        for (int i = 0, end = Math.min(frames.length, CALLER_SEARCH); i < end; i++) {
            String name = frames[i].getClassName();
            if (startsWithAny(name, PLATFORM) || isJdbcCall(frames[i]) || isGenerated(frames[i])) continue;
            int proxy = proxyCalling(frames, i);
            if (proxy >= 0) {
                i = proxy;
                continue;
            }
            if (startsWithAny(name, TEST_FRAMEWORKS)) return innermostOfTest(frames, i, lastFramework);
            if (!PoolCode.isPool(name) && !startsWithAny(name, FRAMEWORKS)) return frames[i];
            lastFramework = frames[i];
        }
        return null;
    }

    /**
     * The first of {@code frames} before {@code end} in the class of {@code test} (the test
     * method's frame, in a framework's package, or null), a nested class or a lambda of it, that
     * called into JDBC: not a JDBC call itself (a nested class of the test's that implements JDBC)
     * nor a JDBC proxy's handler.
     */
    private static StackTraceElement innermostOfTest(StackTraceElement[] frames, int end, StackTraceElement test) {
        if (test == null) return null;
        String testClass = topLevel(test.getClassName());
        for (int i = 0; i < end; i++) {
            if (isJdbcCall(frames[i]) || isGenerated(frames[i])) continue;
            int proxy = proxyCalling(frames, i);
            if (proxy >= 0) {
                i = proxy;
                continue;
            }
            if (isOf(frames[i].getClassName(), testClass)) return frames[i];
        }
        return test;
    }

    /**
     * One frame object per creating line: what an open statement keeps once its stack is dropped
     * ({@link Resource#createdAt}). Statements a loop leaves open pile up, one per iteration, all
     * made at one line. Bounded, so that an application that loads classes without end cannot grow
     * it without end; past the bound, frames are kept as they are.
     */
    private static final ConcurrentHashMap<StackTraceElement, StackTraceElement> CREATING_LINES = new ConcurrentHashMap<>();
    private static final int CREATING_LINES_KEPT = 10_000;

    /** {@code frame}, or an equal one already kept for another statement; null for null. */
    static StackTraceElement creatingLine(StackTraceElement frame) {
        if (frame == null) return null;
        StackTraceElement kept = CREATING_LINES.get(frame);
        if (kept != null) return kept;
        if (CREATING_LINES.size() >= CREATING_LINES_KEPT) return frame;
        kept = CREATING_LINES.putIfAbsent(frame, frame);
        return kept == null ? frame : kept;
    }

    /** A trimmed stack (see the class comment), at most {@code stackDepth} frames. */
    static StackTraceElement[] trimmed(StackTraceElement[] frames) {
        int test = testFrame(frames);
        String testClass = test < 0 ? null : topLevel(frames[test].getClassName());
        int end = test < 0 ? frames.length : test + 1;
        int caller = -1, application = -1;
        for (int i = 0; i < end && application < 0; i++) {
            Role role = role(frames[i], testClass);
            if (role == Role.PLATFORM || role == Role.JDBC || role == Role.GENERATED) continue;
            int proxy = proxyCalling(frames, i);
            if (proxy >= 0) {
                i = proxy;
                continue;
            }
            if (caller < 0) caller = i;
            if (role == Role.APPLICATION) application = i;
        }
        if (application < 0) {
            // no application frame at all: from the caller of the outermost JDBC call, as it is
            return copy(frames, caller >= 0 ? caller : firstOutsideRuntime(frames), frames.length);
        }
        return folded(frames, application, end, testClass);
    }

    /** Frames {@code from} (an application frame) up to {@code end}, generated frames dropped, framework runs folded. */
    private static StackTraceElement[] folded(StackTraceElement[] frames, int from, int end, String testClass) {
        List<StackTraceElement> out = new ArrayList<>();
        int run = 0;
        for (int i = from; i < end && out.size() < Config.stackDepth; i++) {
            StackTraceElement f = frames[i];
            Role role = role(f, testClass);
            boolean fold = role == Role.GENERATED || role == Role.FRAMEWORK || role == Role.JDBC
                    || (role == Role.PLATFORM && startsWithAny(f.getClassName(), REFLECTION));
            if (fold) {
                run++;
                continue;
            }
            if (run > 0) out.add(fold(run));
            run = 0;
            if (out.size() < Config.stackDepth) out.add(f);
        }
        if (run > 0 && out.size() < Config.stackDepth) out.add(fold(run));
        return out.toArray(new StackTraceElement[0]);
    }

    private static StackTraceElement fold(int frames) {
        return new StackTraceElement(FOLDED, frames + (frames == 1 ? " framework frame" : " framework frames") + " left out", null, -1);
    }

    /** In a {@link #trimmed} stack, whether {@code f} is one of the application's frames: neither the JDK's, Groovy's runtime, connguard's, nor a fold. */
    public static boolean isApplicationFrame(StackTraceElement f) {
        String name = f.getClassName();
        return !FOLDED.equals(name) && !startsWithAny(name, PLATFORM);
    }

    /**
     * Whether frames of the class {@code className} (dotted) are the application's by the class's
     * name alone, wherever it was loaded from: not the JDK's, connguard's or Groovy's runtime, no
     * framework's or test framework's, in no pool's package, not generated. A call into JDBC made
     * from such a class has it as its caller ({@link #callerOf}), unless the class implements JDBC.
     */
    static boolean namesApplicationCode(String className) {
        return !startsWithAny(className, PLATFORM) && !startsWithAny(className, FRAMEWORKS) && !startsWithAny(className, TEST_FRAMEWORKS)
            && !PoolCode.inPoolPackage(className) && !isGeneratedClass(className);
    }

    /** What {@code f} is; {@code testClass} (the running test's top-level class, or null) is always the application's. */
    static Role role(StackTraceElement f, String testClass) {
        String name = f.getClassName();
        if (isGenerated(f)) return Role.GENERATED;
        if (isOf(name, testClass)) return Role.APPLICATION;
        if (startsWithAny(name, PLATFORM)) return Role.PLATFORM;
        if (isJdbcCall(f)) return Role.JDBC;
        if (PoolCode.isPool(name) || startsWithAny(name, FRAMEWORKS) || startsWithAny(name, TEST_FRAMEWORKS)) {
            return Role.FRAMEWORK;
        }
        return Role.APPLICATION;
    }

    /**
     * Classes made at run time, where no developer works: CGLIB and Spring's {@code $$SpringCGLIB$$},
     * Byte Buddy's {@code $ByteBuddy$}, Hibernate's {@code $HibernateProxy$}, lambda classes
     * ({@code $$Lambda}), Groovy's call sites ({@link #isGroovyCallSite}), and any frame whose file
     * is {@code <generated>}.
     */
    static boolean isGenerated(StackTraceElement f) {
        return isGeneratedClass(f.getClassName()) || "<generated>".equals(f.getFileName()) || isGroovyCallSite(f);
    }

    /**
     * A call site class Groovy 3 generates for each method a Groovy class calls
     * ({@code java_sql_Connection$prepareStatement.call}, {@code org.h2.jdbc.JdbcConnection$close$2.call}):
     * named after the called class and method, with no source file, entered through one of its
     * {@code call} methods from Groovy's runtime.
     */
    private static boolean isGroovyCallSite(StackTraceElement f) {
        if (f.getFileName() != null || !f.getMethodName().startsWith("call")) return false;
        String name = f.getClassName();
        return name.indexOf('$', name.lastIndexOf('.') + 1) > 0;
    }

    private static boolean isGeneratedClass(String name) {
        return name.contains("$$") || name.contains("$ByteBuddy$") || name.contains("$HibernateProxy$");
    }

    /** {@code Class.method} of the test method on this stack, or null outside of tests. */
    static String testOf(StackTraceElement[] frames) {
        int i = testFrame(frames);
        return i < 0 ? null : frames[i].getClassName() + "." + frames[i].getMethodName();
    }

    /**
     * The index of the test method's frame: the frame just above the test framework's reflective
     * call of it (JDK reflection in between skipped), or -1 outside of tests.
     */
    static int testFrame(StackTraceElement[] frames) {
        int candidate = -1;
        for (int i = 0; i < frames.length; i++) {
            String name = frames[i].getClassName();
            if (startsWithAny(name, TEST_INVOKERS)) return candidate;
            if (!startsWithAny(name, PLATFORM) && !isGenerated(frames[i])) candidate = i;
        }
        return -1;
    }

    /** Whether {@code className} is {@code topLevel} (null: none) or one of its nested classes. */
    private static boolean isOf(String className, String topLevel) {
        return topLevel != null && (className.equals(topLevel) || className.startsWith(topLevel) && className.charAt(topLevel.length()) == '$');
    }

    /** {@code com.example.OrdersTest} for {@code com.example.OrdersTest$Nested}: nested classes and lambdas of a test are the test's. */
    private static String topLevel(String className) {
        int dollar = className.indexOf('$', className.lastIndexOf('.') + 1);
        return dollar < 0 ? className : className.substring(0, dollar);
    }

    /**
     * Another thread's stack, as far as it can be taken: trimmed like any other, from below its
     * outermost JDBC call; null when it shows no JDBC call (the thread had left it).
     */
    static StackTraceElement[] of(Thread t) {
        if (t == null) return null;
        StackTraceElement[] all = t.getStackTrace();
        int deepestJdbc = -1;
        for (int i = 0; i < all.length; i++) {
            if (isJdbcCall(all[i])) deepestJdbc = i;
        }
        if (deepestJdbc < 0) return null;
        StackTraceElement[] below = copy(all, deepestJdbc + 1, all.length);
        return trimmed(below);
    }

    private static StackTraceElement[] copy(StackTraceElement[] all, int from, int limit) {
        int to = Math.min(Math.min(all.length, limit), from + Config.stackDepth);
        StackTraceElement[] out = new StackTraceElement[Math.max(0, to - from)];
        System.arraycopy(all, from, out, 0, out.length);
        return out;
    }

    /** The index of the first frame that is not connguard's runtime: on a hook's stack, the called JDBC method's. */
    static int firstOutsideRuntime(StackTraceElement[] frames) {
        int i = 0;
        while (i < frames.length && frames[i].getClassName().startsWith("io.connguard.runtime.")) i++;
        return i;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Whether {@code name} begins with one of {@code prefixes}. */
    static boolean startsWithAny(String name, String[] prefixes) {
        for (String p : prefixes) {
            if (name.startsWith(p)) return true;
        }
        return false;
    }
}
