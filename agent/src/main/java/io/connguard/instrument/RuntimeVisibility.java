package io.connguard.instrument;

import io.connguard.runtime.Tracked;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;

/**
 * Whether a class loader resolves connguard's runtime to the bootstrap copy. Instrumenting a class
 * whose loader cannot would make the class fail to load: the one thing the agent must never do.
 *
 * <p>The JDK's own loaders delegate to the bootstrap loader, so they are answered without asking
 * them. Any other loader is asked once; its answer may come from its own code, so anything it
 * throws means "no" (the class runs unwatched) and is reported as an internal error, never passed on.
 */
final class RuntimeVisibility {
    private final Map<ClassLoader, Boolean> seen = new WeakHashMap<>();
    private final Consumer<Throwable> errors;

    RuntimeVisibility(Consumer<Throwable> errors) {
        this.errors = errors;
    }

    synchronized boolean seesRuntime(ClassLoader loader) {
        if (loader == null || isJdkLoader(loader)) return true;
        return seen.computeIfAbsent(loader, this::ask);
    }

    /** A loader whose class the bootstrap or platform loader defined: the JDK's, parent-first. */
    private static boolean isJdkLoader(ClassLoader loader) {
        ClassLoader definer = loader.getClass().getClassLoader();
        return definer == null || definer == ClassLoader.getPlatformClassLoader();
    }

    private boolean ask(ClassLoader loader) {
        try {
            return Class.forName(Tracked.class.getName(), false, loader) == Tracked.class;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        } catch (Throwable t) {
            errors.accept(new IllegalStateException("class loader " + loader.getClass().getName()
                + " failed when asked for connguard's runtime; its JDBC classes are not watched", t));
            return false;
        }
    }
}
