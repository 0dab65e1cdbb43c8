package io.connguard.instrument;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperClass;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Makes every class loader answer connguard's runtime ({@code io.connguard.runtime.*}) with the
 * bootstrap loader's copy, so that the advice inlined into a JDBC class resolves whatever loader
 * defined that class: a child-first web-app loader, an OSGi bundle loader, a loader that throws for
 * names it does not know. Whether a loader would find the runtime is never asked: asking runs the
 * application's own {@code loadClass}.
 *
 * <p>A loader class that declares {@code loadClass(String)} or {@code loadClass(String, boolean)}
 * gets advice at the start of that method: for a runtime name it returns
 * {@code Class.forName(name, false, null)} and skips the loader's own code; any other name runs the
 * method as written. A loader that declares neither inherits {@code ClassLoader.loadClass}, which
 * asks its parent first and the bootstrap loader last: it finds the runtime without help. The JDK's
 * own loaders delegate to the bootstrap loader and are left alone.
 */
final class RuntimeDelegation implements AgentBuilder.Transformer {
    private static final ElementMatcher.Junction<MethodDescription> LOAD_CLASS = isMethod().and(named("loadClass"))
        .and(not(isStatic())).and(not(isAbstract())).and(not(isNative())).and(returns(Class.class))
        .and(takesArgument(0, String.class))
        .and(takesArguments(1).or(takesArguments(String.class, boolean.class)));
    /**
     * The loader classes that override {@code loadClass}: checked on their declared methods first, the
     * cheap part. {@link JdbcCandidates} lets through only classes that hold the name {@code loadClass}.
     */
    static final ElementMatcher.Junction<TypeDescription> TYPES =
        declaresMethod(LOAD_CLASS).and(hasSuperClass(named(ClassLoader.class.getName())));

    private static final Advice ADVICE = Advice.to(BootstrapFirst.class);

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
                                            JavaModule module, ProtectionDomain domain) {
        return builder.visit(new AsmVisitorWrapper.ForDeclaredMethods().invokable(LOAD_CLASS, ADVICE));
    }

    /**
     * Inlined into the application's loader classes, so it names nothing but {@code java.lang}: the
     * loader may see nothing else, and connguard's runtime is the very thing being looked up.
     * {@code Class.forName} with the bootstrap loader never calls a {@code loadClass} method, so it
     * cannot come back here. Not found there (a name the runtime does not have) or not allowed (a
     * security manager): the loader's own code runs, as it would without connguard.
     */
    static final class BootstrapFirst {
        private BootstrapFirst() {}

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Class<?> enter(@Advice.Argument(0) String name) {
            if (name == null || !name.startsWith("io.connguard.runtime.")) return null;
            try {
                return Class.forName(name, false, null);
            } catch (ClassNotFoundException | SecurityException e) {
                return null;
            }
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter Class<?> fromBootstrap,
                         @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Class<?> loaded) {
            if (fromBootstrap != null) loaded = fromBootstrap;
        }
    }
}
