package io.connguard.instrument;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * What instrumenting needs to know of a type: its supertypes and its methods, read from its class
 * file (or, for the JDK's own types, from the loaded class). Names are internal names
 * ({@code java/sql/Connection}); methods are known by {@link JdbcInterfaces#key key}.
 *
 * <p>A JDK type's methods are read when first asked for: most JDK types are only ever asked for
 * their supertypes (the JDBC interfaces, {@code Serializable}, the exceptions a driver's exceptions
 * extend), and reading methods by reflection is what knowing a type costs in a JVM that has just
 * started.
 */
final class ClassShape {
    final String name;
    /** Null for {@code java/lang/Object} and interfaces' absent superclass. */
    final String superName;
    final String[] interfaces;
    final boolean isInterface;
    /** Whether its class file names {@code java/sql/} or {@code javax/sql/} ({@link JdbcCandidates#isCandidate}); false for the JDK's. */
    final boolean namesJdbc;
    /** The loaded JDK class whose methods are not read yet; null once they are, and for a class file's shape. */
    private Class<?> unread;
    private volatile Map<String, Declared> methods;

    /** A declared method: its access flags ({@link Opcodes}{@code .ACC_*}), descriptor and declared exceptions. */
    static final class Declared {
        final int access;
        final String descriptor;
        final String[] exceptions;

        Declared(int access, String descriptor, String[] exceptions) {
            this.access = access;
            this.descriptor = descriptor;
            this.exceptions = exceptions;
        }

        boolean isBridge() {
            return (access & Opcodes.ACC_BRIDGE) != 0;
        }

        /** Public, and neither static, abstract, native nor a bridge: a call a subclass can make with {@code super}. */
        boolean isOverridableImplementation() {
            return (access & Opcodes.ACC_PUBLIC) != 0
                && (access & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE)) == 0;
        }
    }

    private ClassShape(String name, String superName, String[] interfaces, boolean isInterface, boolean namesJdbc,
                       Map<String, Declared> methods, Class<?> unread) {
        this.name = name;
        this.superName = superName;
        this.interfaces = interfaces;
        this.isInterface = isInterface;
        this.namesJdbc = namesJdbc;
        this.methods = methods;
        this.unread = unread;
    }

    /**
     * Every method the type declares, by key, with its access flags and descriptor. Where a bridge
     * shares its key with another method (a covariant return's), the other one is the key's: a
     * bridge is a key's method only where the class declares nothing else by that key.
     */
    Map<String, Declared> methods() {
        Map<String, Declared> m = methods;
        if (m == null) {
            synchronized (this) {
                if ((m = methods) == null) {
                    methods = m = declaredMethods(unread);
                    unread = null;
                }
            }
        }
        return m;
    }

    /** Reads the shape from a class file ({@code namesJdbc}: see {@link #namesJdbc}); reads no code. */
    static ClassShape read(ClassReader reader, boolean namesJdbc) {
        Map<String, Declared> methods = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                put(methods, name, new Declared(access, descriptor, exceptions));
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new ClassShape(reader.getClassName(), reader.getSuperName(), reader.getInterfaces(),
            (reader.getAccess() & Opcodes.ACC_INTERFACE) != 0, namesJdbc, methods, null);
    }

    /** The shape of a loaded class, by reflection: only for the JDK's own, whose class files are not the application's to read. */
    static ClassShape of(Class<?> c) {
        Class<?>[] declared = c.getInterfaces();
        String[] interfaces = new String[declared.length];
        for (int i = 0; i < declared.length; i++) interfaces[i] = Type.getInternalName(declared[i]);
        Class<?> superclass = c.getSuperclass();
        return new ClassShape(Type.getInternalName(c), superclass == null ? null : Type.getInternalName(superclass),
            interfaces, Modifier.isInterface(c.getModifiers()), false, null, c);
    }

    private static Map<String, Declared> declaredMethods(Class<?> c) {
        Map<String, Declared> methods = new HashMap<>();
        for (Method m : c.getDeclaredMethods()) {
            int access = m.getModifiers() | (m.isBridge() ? Opcodes.ACC_BRIDGE : 0);
            String descriptor = Type.getMethodDescriptor(m);
            put(methods, m.getName(), new Declared(access, descriptor, null));
        }
        return methods;
    }

    private static void put(Map<String, Declared> methods, String name, Declared method) {
        methods.merge(JdbcInterfaces.key(name, method.descriptor), method, (known, other) -> known.isBridge() ? other : known);
    }
}
