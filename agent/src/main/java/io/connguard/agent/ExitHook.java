package io.connguard.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

/**
 * Runs the exit report after every application shutdown hook has finished (pools close there):
 * a JDK system hook slot after the one that runs application hooks. Where that is not reachable,
 * an ordinary shutdown hook, which runs concurrently with the others, is the fallback.
 */
final class ExitHook {
    /** Slots 0-2 are the JDK's: console, application hooks, delete-on-exit. */
    private static final int SLOT = 7;

    private ExitHook() {}

    static void register(Instrumentation inst, Runnable hook) {
        try {
            Module base = Object.class.getModule();
            inst.redefineModule(base, Set.of(), Map.of("jdk.internal.access", Set.of(ExitHook.class.getModule())),
                Map.of(), Set.of(), Map.of());
            Class<?> secrets = Class.forName("jdk.internal.access.SharedSecrets");
            Object access = secrets.getMethod("getJavaLangAccess").invoke(null);
            Method register = Class.forName("jdk.internal.access.JavaLangAccess")
                .getMethod("registerShutdownHook", int.class, boolean.class, Runnable.class);
            register.invoke(access, SLOT, false, hook);
        } catch (Throwable t) {
            Runtime.getRuntime().addShutdownHook(new Thread(hook, "connguard-exit"));
        }
    }
}
