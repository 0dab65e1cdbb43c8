package io.connguard.instrument;

import io.connguard.runtime.Tracked;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Whether a class loader resolves connguard's runtime to the bootstrap copy. Instrumenting a class
 * whose loader cannot would make the class fail to load: the one thing the agent must never do.
 */
final class RuntimeVisibility {
    private final Map<ClassLoader, Boolean> seen = new WeakHashMap<>();

    synchronized boolean seesRuntime(ClassLoader loader) {
        if (loader == null) return true;
        return seen.computeIfAbsent(loader, RuntimeVisibility::check);
    }

    private static boolean check(ClassLoader loader) {
        try {
            return Class.forName(Tracked.class.getName(), false, loader) == Tracked.class;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
