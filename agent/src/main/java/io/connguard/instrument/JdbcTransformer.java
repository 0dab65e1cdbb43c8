package io.connguard.instrument;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isFinal;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.connguard.runtime.Guard;
import io.connguard.runtime.PoolCode;
import io.connguard.runtime.Tracked;
import java.lang.reflect.Modifier;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.FieldAccessor;
import net.bytebuddy.implementation.SuperMethodCall;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Instruments every class that implements a JDBC interface, whatever its class loader. Tracked
 * types ({@code Connection}, {@code Statement}, {@code ResultSet}, {@code DatabaseMetaData}) get
 * a state field and advice on their JDBC interface methods only; openers ({@code Driver},
 * {@code DataSource}, {@code PooledConnection} and the pools' data sources) get advice on the
 * methods that open connections.
 */
final class JdbcTransformer implements AgentBuilder.Transformer {
    static final String FIELD = "connguard$resource";

    static final ElementMatcher.Junction<TypeDescription> TRACKED = hasSuperType(namedOneOf(
        "java.sql.Connection", "java.sql.Statement", "java.sql.ResultSet", "java.sql.DatabaseMetaData"));
    static final ElementMatcher.Junction<TypeDescription> OPENERS = hasSuperType(namedOneOf(
        "java.sql.Driver", "javax.sql.DataSource", "javax.sql.PooledConnection", "javax.sql.ConnectionPoolDataSource",
        "javax.sql.XADataSource"));
    static final ElementMatcher.Junction<TypeDescription> TYPES = not(isInterface()).and(TRACKED.or(OPENERS));

    private static final ElementMatcher.Junction<MethodDescription> INSTANCE_METHOD =
        isMethod().and(not(isStatic())).and(not(isAbstract())).and(not(isBridge()));
    private static final Set<String> JDBC_INTERFACES = Set.of("java.sql.Connection", "java.sql.Statement",
        "java.sql.PreparedStatement", "java.sql.CallableStatement", "java.sql.ResultSet", "java.sql.DatabaseMetaData",
        "java.sql.Wrapper");

    private static final ElementMatcher.Junction<MethodDescription> CLOSE = named("close").and(takesArguments(0));
    /**
     * What JDBC lets any thread call: {@code Statement.cancel()} and {@code Connection.abort(executor)}.
     * They are outermost calls all the same, so what a driver does inside them (pgjdbc's cancel asks
     * its connection {@code isClosed()}) is nested and unchecked; abort also closes.
     */
    private static final ElementMatcher.Junction<MethodDescription> CANCEL = named("cancel").and(takesArguments(0));
    private static final ElementMatcher.Junction<MethodDescription> ABORT = named("abort").and(takesArguments(1));
    private static final ElementMatcher.Junction<MethodDescription> SPECIAL = CLOSE.or(CANCEL).or(ABORT);
    /** What JDBC methods hand out, as the interfaces declare it; implementations may narrow it. */
    private static final Set<String> HANDED_OUT = Set.of("java.sql.Statement", "java.sql.PreparedStatement",
        "java.sql.CallableStatement", "java.sql.ResultSet", "java.sql.DatabaseMetaData");
    private static final ElementMatcher.Junction<MethodDescription> SQL_FACTORY =
        namedOneOf("prepareStatement", "prepareCall", "executeQuery").and(takesArgument(0, String.class));
    private static final ElementMatcher.Junction<MethodDescription> SQL_USE =
        nameStartsWith("execute").or(named("addBatch")).and(takesArgument(0, String.class));

    private static final ElementMatcher.Junction<MethodDescription> CONNECT =
        INSTANCE_METHOD.and(named("connect")).and(takesArguments(2)).and(takesArgument(0, String.class));
    private static final ElementMatcher.Junction<MethodDescription> OPEN = INSTANCE_METHOD.and(
        named("getConnection").and(returns(hasSuperType(named("java.sql.Connection"))))
            .or(named("getPooledConnection")).or(named("getXAConnection")));

    /**
     * What runs when advice itself throws: the error goes to {@link Guard#adviceFailed}, which
     * counts and reports it, and the application's call goes on as if connguard were not there.
     */
    private static final Advice.ExceptionHandler ADVICE_FAILED = new Advice.ExceptionHandler.Simple(
        MethodInvocation.invoke(new MethodDescription.ForLoadedMethod(adviceFailed())));

    private static final Advice USE = advice(JdbcAdvice.UseEnter.class, JdbcAdvice.UseExit.class);
    private static final Advice SQL_USE_ADVICE = advice(JdbcAdvice.SqlUseEnter.class, JdbcAdvice.UseExit.class);
    private static final Advice FACTORY_ADVICE = advice(JdbcAdvice.UseEnter.class, JdbcAdvice.FactoryExit.class);
    private static final Advice SQL_FACTORY_ADVICE = advice(JdbcAdvice.SqlUseEnter.class, JdbcAdvice.SqlFactoryExit.class);
    private static final Advice CLOSE_ADVICE = advice(JdbcAdvice.CloseEnter.class, JdbcAdvice.CloseExit.class);
    private static final Advice CANCEL_ADVICE = advice(JdbcAdvice.AnyThreadEnter.class, JdbcAdvice.UseExit.class);
    private static final Advice ABORT_ADVICE = advice(JdbcAdvice.AnyThreadEnter.class, JdbcAdvice.CloseExit.class);
    private static final Advice OPEN_ADVICE = advice(JdbcAdvice.OpenEnter.class, JdbcAdvice.OpenExit.class);
    private static final Advice CONNECT_ADVICE = advice(JdbcAdvice.OpenEnter.class, JdbcAdvice.ConnectExit.class);

    /** Null for classes as they load; for classes already loaded (attach): those can get advice, but no field, interface or method. */
    private final LoadedClasses loaded;
    private final boolean reshape;

    JdbcTransformer(LoadedClasses loaded) {
        this.loaded = loaded;
        this.reshape = loaded == null;
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
                                            JavaModule module, ProtectionDomain domain) {
        Guard.instrumented(type.getName());
        PoolCode.jdbcClass(type.getName(), domain);
        List<TypeDescription> below = reshape ? List.of() : loaded.interfacesBelow(type, loader);
        if (TRACKED.matches(type) || below.stream().anyMatch(TRACKED::matches)) {
            JdbcMethods methods = new JdbcMethods(type, below);
            ElementMatcher.Junction<MethodDescription> jdbc = INSTANCE_METHOD.and(methods);
            ElementMatcher.Junction<MethodDescription> factory = methods.factories();
            if (reshape) {
                builder = overrideInherited(builder.implement(Tracked.class)
                    .defineField(FIELD, Object.class, Modifier.PRIVATE | Modifier.TRANSIENT)
                    .method(isDeclaredBy(Tracked.class)).intercept(FieldAccessor.ofField(FIELD)), type, jdbc);
            }
            ElementMatcher.Junction<MethodDescription> use = jdbc.and(not(SPECIAL)).and(not(factory));
            builder = builder.visit(TransactionMethods.advise(new AsmVisitorWrapper.ForDeclaredMethods()
                    .invokable(jdbc.and(CLOSE), CLOSE_ADVICE)
                    .invokable(jdbc.and(CANCEL), CANCEL_ADVICE)
                    .invokable(jdbc.and(ABORT), ABORT_ADVICE)
                    .invokable(jdbc.and(not(SPECIAL)).and(factory).and(SQL_FACTORY), SQL_FACTORY_ADVICE)
                    .invokable(jdbc.and(not(SPECIAL)).and(factory).and(not(SQL_FACTORY)), FACTORY_ADVICE)
                    .invokable(use.and(not(TransactionMethods.ALL)).and(SQL_USE), SQL_USE_ADVICE)
                    .invokable(use.and(not(TransactionMethods.ALL)).and(not(SQL_USE)), USE),
                use.and(TransactionMethods.ALL), SQL_USE));
        }
        if (OPENERS.matches(type) || below.stream().anyMatch(OPENERS::matches)) {
            if (reshape) builder = overrideInherited(builder, type, CONNECT.or(OPEN));
            builder = builder.visit(new AsmVisitorWrapper.ForDeclaredMethods().invokable(CONNECT, CONNECT_ADVICE).invokable(OPEN, OPEN_ADVICE));
        }
        return builder;
    }

    /** Advice whose own errors are counted and reported, never thrown or swallowed unseen. */
    static Advice advice(Class<?> enter, Class<?> exit) {
        return Advice.to(enter, exit).withExceptionHandler(ADVICE_FAILED);
    }

    private static java.lang.reflect.Method adviceFailed() {
        try {
            return Guard.class.getMethod("adviceFailed", Throwable.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Advice goes on the methods a class declares. A JDBC method it inherits from a superclass that
     * does not implement the interface declaring that method (sqlite-jdbc declares
     * {@code executeQuery} in a class that is no {@code Statement}, and {@code executeUpdate()} in
     * one that is a {@code Statement} but no {@code PreparedStatement}) carries no advice there: it
     * gets an override that calls {@code super} and carries it, or the depth count would miss it.
     */
    private static DynamicType.Builder<?> overrideInherited(DynamicType.Builder<?> builder, TypeDescription type,
                                                            ElementMatcher.Junction<MethodDescription> methods) {
        return builder.method(not(isDeclaredBy(type)).and(not(isFinal())).and(methods).and(new UnadvisedWhereDeclared()))
            .intercept(SuperMethodCall.INSTANCE);
    }

    /** Inherited methods that the class declaring them does not advise, by the same rules as {@link #transform}. */
    private static final class UnadvisedWhereDeclared extends ElementMatcher.Junction.AbstractBase<MethodDescription> {
        private final Map<TypeDescription, JdbcMethods> declarers = new HashMap<>();

        @Override
        public boolean matches(MethodDescription m) {
            TypeDescription declarer = m.getDeclaringType().asErasure();
            if (declarer.represents(Object.class) || declarer.isInterface()) return false;
            if (!TRACKED.matches(declarer)) return !OPENERS.matches(declarer);
            return !declarers.computeIfAbsent(declarer, d -> new JdbcMethods(d, List.of())).matches(m);
        }
    }

    /**
     * The methods of the JDBC interfaces this type implements (and, for a class loaded before an
     * attach, those its loaded subclasses implement), by name and parameter types: an
     * implementation may declare a covariant return type, or inherit the method from a class that
     * does not implement the interface at all.
     */
    private static final class JdbcMethods extends ElementMatcher.Junction.AbstractBase<MethodDescription> {
        private final Set<String> keys = new HashSet<>();
        /** Those that hand out a statement, a result set or metadata, and {@code closeOnCompletion}, which concerns them. */
        private final Set<String> factories = new HashSet<>();

        JdbcMethods(TypeDescription type, List<TypeDescription> below) {
            for (TypeDefinition t : type) {
                for (TypeDescription.Generic i : t.getInterfaces()) collect(i.asErasure());
            }
            for (TypeDescription i : below) collect(i);
        }

        private void collect(TypeDescription i) {
            if (JDBC_INTERFACES.contains(i.getName())) {
                for (MethodDescription m : i.getDeclaredMethods()) {
                    if (m.isStatic()) continue;
                    keys.add(key(m));
                    boolean handsOut = HANDED_OUT.contains(m.getReturnType().asErasure().getName()) && !m.getName().equals("getStatement");
                    if (handsOut || m.getName().equals("closeOnCompletion")) factories.add(key(m));
                }
            }
            for (TypeDescription.Generic parent : i.getInterfaces()) collect(parent.asErasure());
        }

        @Override
        public boolean matches(MethodDescription m) {
            return keys.contains(key(m));
        }

        ElementMatcher.Junction<MethodDescription> factories() {
            return new ElementMatcher.Junction.AbstractBase<MethodDescription>() {
                @Override
                public boolean matches(MethodDescription m) {
                    return factories.contains(key(m));
                }
            };
        }

        private static String key(MethodDescription m) {
            String d = m.getDescriptor();
            return m.getName() + d.substring(0, d.indexOf(')') + 1);
        }
    }
}
