package io.connguard.report;

import io.connguard.runtime.Stacks;

/** Stack frames as the report writes them: {@code class.method(File.java:line)}, without module or loader prefixes. */
final class FrameFormat {
    private FrameFormat() {}

    static final StackTraceElement[] NONE = new StackTraceElement[0];

    /** A fold of framework frames (see {@link Stacks}) is written {@code ... 11 framework frames left out}. */
    static String format(StackTraceElement e) {
        if (Stacks.FOLDED.equals(e.getClassName())) return Stacks.FOLDED + " " + e.getMethodName();
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
