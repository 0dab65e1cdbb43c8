package io.connguard.report;

/** Stack frames as the report writes them: {@code class.method(File.java:line)}. */
final class Frames {
    private Frames() {}

    static String format(StackTraceElement e) {
        String where;
        if (e.isNativeMethod()) where = "Native Method";
        else if (e.getFileName() == null) where = "Unknown Source";
        else if (e.getLineNumber() >= 0) where = e.getFileName() + ":" + e.getLineNumber();
        else where = e.getFileName();
        return e.getClassName() + "." + e.getMethodName() + "(" + where + ")";
    }

    static String[] format(StackTraceElement[] frames) {
        if (frames == null) return null;
        String[] out = new String[frames.length];
        for (int i = 0; i < frames.length; i++) out[i] = format(frames[i]);
        return out;
    }

    static String first(StackTraceElement[] frames) {
        return frames == null || frames.length == 0 ? "?" : format(frames[0]);
    }
}
