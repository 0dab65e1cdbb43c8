package io.connguard.report;

/** Stack frames as the report writes them: {@code class.method(File.java:line)}, without module or loader prefixes. */
final class Frames {
    private Frames() {}

    static final StackTraceElement[] NONE = new StackTraceElement[0];

    static String format(StackTraceElement e) {
        StringBuilder b = new StringBuilder(96).append(e.getClassName()).append('.').append(e.getMethodName()).append('(');
        if (e.isNativeMethod()) b.append("Native Method");
        else if (e.getFileName() == null) b.append("Unknown Source");
        else {
            b.append(e.getFileName());
            if (e.getLineNumber() >= 0) b.append(':').append(e.getLineNumber());
        }
        return b.append(')').toString();
    }

    static StackTraceElement first(StackTraceElement[] frames) {
        return frames == null || frames.length == 0 ? null : frames[0];
    }

    static StackTraceElement[] orNone(StackTraceElement[] frames) {
        return frames == null ? NONE : frames;
    }
}
