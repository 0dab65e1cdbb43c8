package io.connguard.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.function.Supplier;

/**
 * The transformer the JVM calls for every class. It hands Byte Buddy only the classes whose
 * constant pool mentions {@code java/sql/} or {@code javax/sql/}: every JDBC implementation does,
 * as its interfaces and method signatures name them. Byte Buddy itself is loaded on the first such
 * class, so a JVM that never touches JDBC pays for nothing but this scan.
 */
final class JdbcCandidates implements ClassFileTransformer {
    private static final byte[] SQL = {'/', 's', 'q', 'l', '/'};

    private final Supplier<ClassFileTransformer> byteBuddy;
    private final ThreadLocal<Boolean> busy = new ThreadLocal<>();
    private volatile ClassFileTransformer delegate;

    JdbcCandidates(Supplier<ClassFileTransformer> byteBuddy) {
        this.byteBuddy = byteBuddy;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) throws IllegalClassFormatException {
        if (loader == null || name == null || name.startsWith("io/connguard/") || !mentionsJdbc(bytes)) return null;
        if (busy.get() != null) return null; // a class loaded while Byte Buddy works: never a driver's
        busy.set(Boolean.TRUE);
        try {
            return byteBuddy().transform(module, loader, name, redefined, domain, bytes);
        } finally {
            busy.remove();
        }
    }

    private ClassFileTransformer byteBuddy() {
        ClassFileTransformer d = delegate;
        if (d == null) {
            synchronized (this) {
                if (delegate == null) delegate = byteBuddy.get();
                d = delegate;
            }
        }
        return d;
    }

    static boolean mentionsJdbc(byte[] b) {
        for (int i = 4, end = b.length - SQL.length; i <= end; i++) {
            if (b[i] == '/' && b[i + 1] == 's' && b[i + 2] == 'q' && b[i + 3] == 'l' && b[i + 4] == '/'
                && b[i - 1] == 'a' && (b[i - 2] == 'v' && b[i - 3] == 'a' && b[i - 4] == 'j'
                                       || i >= 5 && b[i - 2] == 'x' && b[i - 3] == 'v' && b[i - 4] == 'a' && b[i - 5] == 'j')) {
                return true;
            }
        }
        return false;
    }
}
