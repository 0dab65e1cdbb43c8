package io.connguard.instrument;

import io.connguard.runtime.CallSites;
import io.connguard.runtime.FindingSink;
import io.connguard.runtime.Guard;
import io.connguard.runtime.PoolCode;
import io.connguard.runtime.Tracked;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Instruments every class that implements a JDBC interface, whatever its class loader, and every
 * class loader class that declares {@code loadClass}. Tracked types ({@code Connection},
 * {@code Statement}, {@code ResultSet}, {@code DatabaseMetaData}) get a state field and hooks on
 * their JDBC interface methods only; openers ({@code Driver}, {@code DataSource},
 * {@code PooledConnection} and the pools' data sources) get hooks on the methods that open
 * connections; loaders get {@link BootstrapFirst}.
 *
 * <p>Works at the level of the class file, with ASM: what a class gets is decided from the names
 * and descriptors of its methods and the names of its supertypes, which the JDBC interfaces fix in
 * advance; nothing is compiled, inlined or matched beyond that.
 */
final class JdbcTransformer {
    static final String FIELD = "connguard$resource";
    static final String TRACKED = Tracked.class.getName().replace('.', '/');

    private final Instrumentation inst;
    private final FindingSink errors;
    /** Null for classes as they load; for classes already loaded (attach): those can get hooks, but no field, interface or method. */
    private final LoadedClasses loaded;
    private final TypeHierarchy hierarchy = new TypeHierarchy();

    JdbcTransformer(Instrumentation inst, FindingSink errors, LoadedClasses loaded) {
        this.inst = inst;
        this.errors = errors;
        this.loaded = loaded;
    }

    /**
     * The class file with its hooks, or null to leave it as it is. {@code redefined}: the loaded
     * class being retransformed, null for a class as it loads. Never throws: a class connguard
     * could not instrument runs as it was, and the error is reported.
     */
    byte[] transform(Module module, ClassLoader loader, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        String name = null;
        try {
            ClassReader reader = new ClassReader(bytes);
            name = reader.getClassName();
            Plan plan = plan(loader, reader, redefined, domain);
            if (plan == null) return null;
            byte[] rewritten = rewrite(reader, plan);
            if (plan.tracked || plan.opener) {
                Guard.instrumented(name.replace('/', '.'), plan.tracked ? null : plan.hooked.toArray(new String[0]));
                PoolCode.jdbcClass(name.replace('/', '.'), domain);
                readRuntime(module);
            }
            return rewritten;
        } catch (Throwable t) {
            errors.internalError(new IllegalStateException("could not instrument " + name, t));
            return null;
        }
    }

    /**
     * Rewrites a class of the JDK's that implements {@code ResultSet} ({@code JdbcRowSetImpl}, some
     * 300 methods) and drops the result: the classes and the code that rewriting needs are then
     * loaded and run once before the application's first driver class, on the thread that calls
     * this. A JDK without that class prepares nothing.
     */
    void prepare() {
        try (InputStream in = ClassLoader.getSystemResourceAsStream("com/sun/rowset/JdbcRowSetImpl.class")) {
            if (in == null) return;
            ClassReader reader = new ClassReader(in.readAllBytes());
            Plan plan = plan(ClassLoader.getPlatformClassLoader(), reader, null, null);
            if (plan != null) rewrite(reader, plan);
        } catch (Exception | LinkageError e) {
            errors.internalError(new IllegalStateException("could not prepare the rewriting", e));
        }
    }

    private static byte[] rewrite(ClassReader reader, Plan plan) {
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new InstrumentedClass(writer, plan), ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    /** A class that got its state field as it loaded gets it again when retransformed: a retransformation may not drop a field. */
    private static boolean hasState(Class<?> loaded) {
        try {
            loaded.getDeclaredField(FIELD);
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    /** What the class (loaded from {@code domain}) gets, or null for nothing. */
    private Plan plan(ClassLoader loader, ClassReader reader, Class<?> redefined, ProtectionDomain domain) {
        ClassShape shape = ClassShape.read(reader, true); // a candidate, or the JDK class prepare() reads
        hierarchy.remember(loader, shape);
        if (shape.isInterface) return null;
        Set<String> supertypes = hierarchy.supertypes(loader, shape);
        if (redefined != null && loaded != null) supertypes.addAll(loaded.interfacesBelow(redefined));
        if (implementsJdbc(loader, supertypes)) {
            String className = shape.name.replace('/', '.');
            Guard.implementsJdbc(className);
            CallSites.jdbcClassLoaded(className, domain);
        }
        if (TestDoubles.isMock(supertypes)) return null;
        boolean reshape = redefined == null || hasState(redefined);
        boolean tracked = containsAny(supertypes, JdbcInterfaces.TRACKED);
        boolean opener = containsAny(supertypes, JdbcInterfaces.OPENERS);
        boolean classLoader = supertypes.contains("java/lang/ClassLoader") && BootstrapFirst.declaresLoadClass(shape);
        if (!tracked && !opener && !classLoader) return null;
        JdbcInterfaces.Implemented jdbc = tracked ? JdbcInterfaces.implementedBy(supertypes) : JdbcInterfaces.Implemented.NONE;
        boolean pooledConnection = supertypes.contains("javax/sql/PooledConnection");
        Plan plan = new Plan(loader, shape, jdbc, tracked && reshape, opener, pooledConnection, classLoader);
        plan.inheritsTracked = tracked && superclassTracked(loader, shape);
        if (tracked || opener) plan.inheritedJdbcMethods(reshape);
        return plan;
    }

    /**
     * Whether the superclass of a tracked class is tracked too, and so gets {@link Tracked} as it
     * loads: the subclass then must not list it again. Code that builds a JDK proxy from every
     * interface of a driver class's chain would be refused a repeated interface (Jdbi's own tests
     * do that with H2's prepared statement, whose superclass is H2's statement). Only a superclass
     * {@link JdbcCandidates} hands over is rewritten: not the JDK's, nor one whose class file names
     * no JDBC type (an abstract class that implements an interface of the application's that
     * extends {@code Connection}); its subclass gets {@code Tracked} itself.
     */
    private boolean superclassTracked(ClassLoader loader, ClassShape shape) {
        ClassShape superclass = shape.superName == null || JdbcCandidates.isJdk(shape.superName) ? null
            : hierarchy.shape(loader, shape.superName);
        if (superclass == null || superclass.isInterface) return false;
        Set<String> supertypes = hierarchy.supertypes(loader, superclass);
        return rewritten(superclass, supertypes) && containsAny(supertypes, JdbcInterfaces.TRACKED);
    }

    /**
     * Whether a class ({@code type}, with its {@code supertypes}) is rewritten as it loads:
     * {@link JdbcCandidates} hands it over (its class file names a JDBC type) and it is no mock.
     */
    private static boolean rewritten(ClassShape type, Set<String> supertypes) {
        return type.namesJdbc && !TestDoubles.isMock(supertypes);
    }

    /** A class in a named module must read the bootstrap loader's unnamed module, where the runtime is, to call it. */
    private void readRuntime(Module module) {
        Module runtime = Guard.class.getModule();
        if (module != null && module.isNamed() && !module.canRead(runtime)) {
            inst.redefineModule(module, Set.of(runtime), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }

    /** Whether a {@code java.sql} or {@code javax.sql} interface is among the supertypes (not a class: {@code SQLException}, {@code Timestamp}). */
    private boolean implementsJdbc(ClassLoader loader, Set<String> supertypes) {
        for (String t : supertypes) {
            if (!t.startsWith("java/sql/") && !t.startsWith("javax/sql/")) continue;
            ClassShape type = hierarchy.shape(loader, t);
            if (type != null && type.isInterface) return true;
        }
        return false;
    }

    private static boolean containsAny(Set<String> names, Set<String> wanted) {
        for (String w : wanted) {
            if (names.contains(w)) return true;
        }
        return false;
    }

    /** One class's instrumentation: the hook of each method, and what the class gets besides. */
    final class Plan {
        final String owner;
        final String superName;
        /** Whether it gets {@link Tracked}'s field and accessors (classes as they load only). */
        final boolean addsState;
        /** Whether a superclass gets {@link Tracked} itself: the class gets the field and accessors, not the interface again. */
        boolean inheritsTracked;
        final boolean tracked;
        final boolean opener;
        /** A {@code javax.sql.PooledConnection} (an {@code XAConnection} too): it hands out handles. */
        final boolean pooledConnection;
        final boolean classLoader;
        /** Overrides for JDBC methods the class inherits from a class that does not hook them. */
        final List<Inherited> overrides = new ArrayList<>();
        /** The keys of the class's bridges to such methods, which carry their hooks instead. */
        private final Set<String> forwarding = new HashSet<>();
        /** The names of the methods the rewriting gave a hook, overrides included. */
        final List<String> hooked = new ArrayList<>();
        private final ClassLoader loader;
        private final ClassShape shape;
        private final JdbcInterfaces.Implemented jdbc;

        private Plan(ClassLoader loader, ClassShape shape, JdbcInterfaces.Implemented jdbc, boolean addsState, boolean opener,
                     boolean pooledConnection, boolean classLoader) {
            this.loader = loader;
            this.shape = shape;
            this.owner = shape.name;
            this.superName = shape.superName;
            this.jdbc = jdbc;
            this.tracked = !jdbc.isEmpty();
            this.addsState = addsState;
            this.opener = opener;
            this.pooledConnection = pooledConnection;
            this.classLoader = classLoader;
        }

        /** The hook of a method this class declares (or will declare), or null. */
        Hook hookFor(int access, String name, String descriptor) {
            if ((access & Opcodes.ACC_BRIDGE) != 0 && forwarding.contains(JdbcInterfaces.key(name, descriptor))) access &= ~Opcodes.ACC_BRIDGE;
            if (!MethodRoles.isAdvisable(access, name)) return null;
            Hook hook = tracked ? MethodRoles.ofTracked(name, descriptor, jdbc) : null;
            if (hook == null && opener) hook = MethodRoles.ofOpener(name, descriptor, pooledConnection, this::returnsConnection);
            return hook;
        }

        /**
         * Hooks go on the methods a class declares. A JDBC method it inherits from a superclass that
         * does not implement the interface declaring that method (sqlite-jdbc declares
         * {@code executeQuery} in a class that is no {@code Statement}, and {@code executeUpdate()}
         * in one that is a {@code Statement} but no {@code PreparedStatement}) has no hook there: it
         * gets an override that calls {@code super} and carries it ({@code reshape}: only a class
         * as it loads may get methods), or the depth count would miss it. Where the class already
         * declares such an override, a bridge the compiler made because that superclass is not
         * public (HSQLDB's {@code JDBCStatement.closeOnCompletion()} calls its package-private
         * {@code JDBCStatementBase}'s), the bridge carries the hook: it is the method a call through
         * the interface runs. (A JDBC method left to a default method of an interface gets no
         * override: a class method beats every default, so a subclass whose own interface has a
         * more specific default would run the override's instead.)
         */
        private void inheritedJdbcMethods(boolean reshape) {
            Set<String> seen = new HashSet<>();
            shape.methods().forEach((key, d) -> {
                if (!d.isBridge()) seen.add(key);
            });
            for (ClassShape declarer : hierarchy.superclasses(loader, shape)) {
                Predicate<String> hookedThere = hookedBy(declarer);
                for (Map.Entry<String, ClassShape.Declared> m : declarer.methods().entrySet()) {
                    ClassShape.Declared d = m.getValue();
                    if (d.isBridge() && !hookedThere.test(m.getKey())) continue; // forwards further up: hook what it calls
                    if (!seen.add(m.getKey())) continue; // declared nearer: that one is inherited
                    Hook hook = inheritedHook(m.getKey(), d, hookedThere);
                    if (hook == null) continue;
                    if (shape.methods().containsKey(m.getKey())) forwarding.add(m.getKey());
                    else if (reshape) overrides.add(new Inherited(nameOf(m.getKey()), d, hook));
                }
            }
        }

        /** The hook an inherited implementation ({@code key}, {@code d}) gets in an override here, or null. */
        private Hook inheritedHook(String key, ClassShape.Declared d, Predicate<String> hookedThere) {
            if (!d.isOverridableImplementation() || (d.access & Opcodes.ACC_FINAL) != 0 || hookedThere.test(key)) return null;
            return hookFor(d.access, nameOf(key), d.descriptor);
        }

        /**
         * Which of its methods (by key) the declaring class hooks itself, by the same rules; asked
         * once per class. None, if it is not {@link #rewritten} (a class file that names no JDBC
         * type: {@code public void close()} names none).
         */
        private Predicate<String> hookedBy(ClassShape declarer) {
            Set<String> supertypes = hierarchy.supertypes(loader, declarer);
            if (!rewritten(declarer, supertypes)) return key -> false;
            if (containsAny(supertypes, JdbcInterfaces.TRACKED)) return JdbcInterfaces.implementedBy(supertypes)::contains;
            boolean opener = containsAny(supertypes, JdbcInterfaces.OPENERS);
            return key -> opener;
        }

        private boolean returnsConnection(String descriptor) {
            String returned = org.objectweb.asm.Type.getReturnType(descriptor).getInternalName();
            if (returned.equals("java/sql/Connection")) return true;
            if (returned.length() == 1 || returned.charAt(0) == '[') return false; // a primitive or an array
            ClassShape type = hierarchy.shape(loader, returned);
            return type != null && hierarchy.supertypes(loader, type).contains("java/sql/Connection");
        }
    }

    private static String nameOf(String key) {
        return key.substring(0, key.indexOf('('));
    }

    /** An inherited method to override with a call to {@code super} that carries its hook. */
    static final class Inherited {
        final String name;
        final ClassShape.Declared declared;
        final Hook hook;

        Inherited(String name, ClassShape.Declared declared, Hook hook) {
            this.name = name;
            this.declared = declared;
            this.hook = hook;
        }
    }
}
