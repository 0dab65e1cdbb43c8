package io.connguard.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A stack frame as the report writes it, {@code com.example.Orders.load(Orders.java:42)}, taken apart. */
final class ReportedFrame {
    private static final Pattern FRAME = Pattern.compile("(.+)\\.([^.(]+)\\((.*)\\)");
    private static final String[] PLATFORM = {"java.", "javax.", "jdk.", "sun.", "com.sun."};

    final String className;
    final String method;
    /** {@code Orders.java}, or null when the frame has no source file. */
    final String file;
    /** 1-based, or 0 when unknown. */
    final int line;

    private ReportedFrame(String className, String method, String file, int line) {
        this.className = className;
        this.method = method;
        this.file = file;
        this.line = line;
    }

    /** The frame, or null when the text is not one ("?" for an empty stack, or damage). */
    static ReportedFrame parse(String text) {
        Matcher m = FRAME.matcher(text);
        if (!m.matches()) return null;
        String where = m.group(3);
        String file = where;
        int line = 0;
        int colon = where.lastIndexOf(':');
        if (colon > 0) {
            file = where.substring(0, colon);
            try {
                line = Math.max(0, Integer.parseInt(where.substring(colon + 1)));
            } catch (NumberFormatException e) {
                file = where;
            }
        }
        // a generated class (a CGLIB proxy's "<generated>") has no source a developer could open
        if (file.equals("Unknown Source") || file.equals("Native Method") || file.equals("<generated>") || file.isEmpty()) file = null;
        return new ReportedFrame(m.group(1), m.group(2), file, line);
    }

    /**
     * The first frame with a source file outside the JDK: stacks list application frames first,
     * but a resource opened by a JDK thread's code may start with one.
     */
    static ReportedFrame firstApplicationFrame(List<String> frames) {
        ReportedFrame fallback = null;
        for (String text : frames) {
            ReportedFrame f = parse(text);
            if (f == null || f.file == null) continue;
            if (!f.isPlatform()) return f;
            if (fallback == null) fallback = f;
        }
        return fallback;
    }

    boolean isPlatform() {
        for (String p : PLATFORM) if (className.startsWith(p)) return true;
        return false;
    }

    /** The source path by package: {@code com.example.Orders$1} in {@code Orders.java} is {@code com/example/Orders.java}. */
    String sourcePath() {
        if (file == null) return null;
        int dot = className.lastIndexOf('.');
        return dot < 0 ? file : className.substring(0, dot).replace('.', '/') + "/" + file;
    }
}
