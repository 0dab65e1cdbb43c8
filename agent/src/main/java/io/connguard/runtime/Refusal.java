package io.connguard.runtime;

/**
 * Strict mode's refusal of a call: the {@code java.sql.SQLException} the application gets instead
 * of it, thrown from the hook before the call begins. The runtime sits on the bootstrap class path,
 * which cannot see {@code java.sql}: the exception is made reflectively, and its stack trace
 * begins at the refused JDBC method, as if the driver had thrown it.
 */
final class Refusal {
    private Refusal() {}

    /** Returns {@code token}, unless it is the message of a refusal (a {@code String}): then throws the refusal. */
    static Object unless(Object token) {
        if (token instanceof String) throw Refusal.<RuntimeException>sneaky(exception((String) token));
        return token;
    }

    private static Throwable exception(String message) {
        Throwable e;
        try {
            e = (Throwable) Class.forName("java.sql.SQLException", true, ClassLoader.getPlatformClassLoader())
                .getConstructor(String.class).newInstance(message);
        } catch (ReflectiveOperationException | LinkageError notThere) {
            e = new IllegalStateException(message);
        }
        StackTraceElement[] frames = e.getStackTrace();
        int from = 0;
        while (from < frames.length && isMaking(frames[from].getClassName())) from++;
        e.setStackTrace(java.util.Arrays.copyOfRange(frames, from, frames.length));
        return e;
    }

    /** Frames of connguard's runtime and of the reflection that made the exception. */
    private static boolean isMaking(String className) {
        return className.startsWith("io.connguard.runtime.") || className.startsWith("java.lang.reflect.")
            || className.startsWith("jdk.internal.reflect.") || className.startsWith("java.lang.invoke.");
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
