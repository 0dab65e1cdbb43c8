package io.connguard.instrument;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Whether every JDBC method of a tracked class runs a hook when the application calls it through
 * the interface: the method the JVM selects for the call (the nearest declaration of its name and
 * descriptor up the class chain, else a default method of one of its interfaces, JVMS 5.4.6)
 * calls {@code Guard}, or is a bridge that calls a method of the same name that does. A JDBC
 * method without one goes unchecked, and a close without one leaves its resource open to
 * connguard. (connguard hooks no interface's default method: a driver that left a JDBC method to
 * one would show here.)
 */
final class HookedCalls {
    private static final Class<?>[] TRACKED = {java.sql.Connection.class, java.sql.Statement.class,
        java.sql.ResultSet.class, java.sql.DatabaseMetaData.class};
    private static final String GUARD = "io/connguard/runtime/Guard";

    private HookedCalls() {}

    /**
     * The JDBC methods of the concrete tracked classes among {@code defined} (class files by
     * internal name, as {@code loader} defined them) that run no hook, as
     * {@code Class.method(descriptor) for Class}; methods declared outside {@code defined} (the
     * JDK's defaults, another jar's) are not judged.
     */
    static List<String> unhooked(ClassLoader loader, Map<String, byte[]> defined) {
        List<String> missing = new ArrayList<>();
        for (String name : defined.keySet()) {
            Class<?> c;
            try {
                c = Class.forName(name.replace('/', '.'), false, loader);
            } catch (Throwable missingDependency) {
                continue;
            }
            if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) continue;
            for (Class<?> jdbc : TRACKED) {
                if (!jdbc.isAssignableFrom(c)) continue;
                for (Method m : jdbc.getMethods()) {
                    if (Modifier.isStatic(m.getModifiers())) continue;
                    String descriptor = Type.getMethodDescriptor(m);
                    String declarer = declarer(defined, name, m.getName(), descriptor);
                    if (declarer == null) declarer = defaultIn(defined, name, m.getName(), descriptor);
                    if (declarer != null && !runsHook(defined, declarer, m.getName(), descriptor, 3)) {
                        missing.add(declarer + "." + m.getName() + descriptor + " for " + name);
                    }
                }
            }
        }
        return missing;
    }

    /** The nearest class from {@code owner} up that declares the method, or null if none among {@code defined} does. */
    private static String declarer(Map<String, byte[]> defined, String owner, String name, String descriptor) {
        for (String c = owner; c != null && defined.containsKey(c); c = new ClassReader(defined.get(c)).getSuperName()) {
            if (body(defined.get(c), name, descriptor) != null) return c;
        }
        return null;
    }

    /** An interface among {@code defined} of the class chain from {@code owner} up with a default method of that name and descriptor, or null. */
    private static String defaultIn(Map<String, byte[]> defined, String owner, String name, String descriptor) {
        Deque<String> todo = new ArrayDeque<>();
        for (String c = owner; c != null && defined.containsKey(c); c = new ClassReader(defined.get(c)).getSuperName()) {
            todo.addAll(List.of(new ClassReader(defined.get(c)).getInterfaces()));
        }
        for (String i; (i = todo.poll()) != null; ) {
            if (!defined.containsKey(i)) continue;
            Body body = body(defined.get(i), name, descriptor);
            if (body != null && body.hasCode) return i;
            todo.addAll(List.of(new ClassReader(defined.get(i)).getInterfaces()));
        }
        return null;
    }

    private static boolean runsHook(Map<String, byte[]> defined, String owner, String name, String descriptor, int depth) {
        Body body = body(defined.get(owner), name, descriptor);
        if (body.callsGuard) return true;
        if (!body.bridge || depth == 0) return false;
        for (String[] call : body.calls) {
            if (!call[1].equals(name)) continue;
            String declarer = declarer(defined, call[0], name, call[2]);
            if (declarer != null && runsHook(defined, declarer, name, call[2], depth - 1)) return true;
        }
        return false;
    }

    /** What a method's code calls: connguard's hooks, and other methods as owner, name, descriptor. */
    private static final class Body {
        boolean bridge;
        boolean hasCode;
        boolean callsGuard;
        final List<String[]> calls = new ArrayList<>();
    }

    /** The method of the class file, or null if it declares none by that name and descriptor. */
    private static Body body(byte[] classFile, String name, String descriptor) {
        Body[] found = new Body[1];
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String n, String d, String signature, String[] exceptions) {
                if (!n.equals(name) || !d.equals(descriptor)) return null;
                Body body = found[0] = new Body();
                body.bridge = (access & Opcodes.ACC_BRIDGE) != 0;
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitCode() {
                        body.hasCode = true;
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String called, String calledDescriptor, boolean isInterface) {
                        if (owner.equals(GUARD)) body.callsGuard = true;
                        else body.calls.add(new String[] {owner, called, calledDescriptor});
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found[0];
    }
}
