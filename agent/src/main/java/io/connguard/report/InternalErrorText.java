package io.connguard.report;

/**
 * One line for one of connguard's own errors: the error, each cause, and where the innermost one
 * was thrown, e.g. {@code IllegalStateException: could not instrument a.B; caused by
 * NullPointerException: x (at a.Loader.loadClass(Loader.java:12))}. A stack of fifty lines in the
 * application's output says less and is read by nobody.
 */
final class InternalErrorText {
    private static final int MAX_CAUSES = 5;

    private InternalErrorText() {}

    static String of(Throwable error) {
        StringBuilder b = new StringBuilder();
        Throwable innermost = error;
        int depth = 0;
        for (Throwable t = error; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            if (depth > 0) b.append("; caused by ");
            b.append(t.getClass().getName());
            if (t.getMessage() != null) b.append(": ").append(t.getMessage());
            innermost = t;
        }
        StackTraceElement[] at = innermost.getStackTrace();
        if (at.length > 0) b.append(" (at ").append(FrameFormat.format(at[0])).append(')');
        return b.toString().replace('\n', ' ').replace('\r', ' ');
    }
}
