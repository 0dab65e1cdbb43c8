package io.connguard.instrument;

import static net.bytebuddy.matcher.ElementMatchers.none;

import io.connguard.runtime.FindingSink;
import io.connguard.runtime.Tracked;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.loading.ClassInjector;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs {@link JdbcTransformer} for every JDBC class loaded from now on, and
 * {@link RuntimeDelegation} for every class loader class, so that those JDBC classes resolve
 * connguard's runtime whichever loader defines them.
 */
public final class Instrumenter {
    private Instrumenter() {}

    /** {@code attached}: the JVM is running already, and the JDBC and class loader classes it loaded are instrumented too. */
    public static void install(Instrumentation inst, FindingSink errors, boolean attached) {
        LoadedClasses loaded = attached ? LoadedClasses.scan(inst) : null;
        JdbcCandidates candidates = new JdbcCandidates(() -> byteBuddy(inst, errors, null), () -> byteBuddy(inst, errors, loaded));
        inst.addTransformer(candidates, attached);
        if (attached) loaded.retransform(inst, errors);
        else candidates.prepareInBackground();
    }

    /** {@code loaded}: null for classes as they load, what an attach found loaded for retransforming it. */
    private static ClassFileTransformer byteBuddy(Instrumentation inst, FindingSink errors, LoadedClasses loaded) {
        // without sun.misc.Unsafe: JDK 24+ warns at its first use, and a quiet start is a promise
        if (System.getProperty(ClassInjector.UsingUnsafe.SAFE_PROPERTY) == null) {
            System.setProperty(ClassInjector.UsingUnsafe.SAFE_PROPERTY, "true");
        }
        AgentBuilder builder = new AgentBuilder.Default();
        if (loaded != null) builder = builder.disableClassFormatChanges();
        return builder
            .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
            .with(new AgentBuilder.PoolStrategy.WithTypePoolCache.Simple(new ConcurrentHashMap<>()))
            .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
            .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
            .with(new ErrorListener(errors))
            .assureReadEdgeTo(inst, Tracked.class)
            .ignore(none()) // JdbcCandidates already chose
            .type(loaded == null ? JdbcTransformer.TYPES : JdbcTransformer.TYPES.or(loaded.superclasses()))
            .transform(new JdbcTransformer(loaded))
            .type(RuntimeDelegation.TYPES)
            .transform(new RuntimeDelegation())
            .makeRaw();
    }

    /** A class connguard could not instrument runs as it was; the first such error is logged. */
    private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
        private final FindingSink errors;

        ErrorListener(FindingSink errors) {
            this.errors = errors;
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            errors.internalError(new IllegalStateException("could not instrument " + typeName, error));
        }
    }
}
