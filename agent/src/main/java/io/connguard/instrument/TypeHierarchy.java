package io.connguard.instrument;

import io.connguard.runtime.WeakIdentityMap;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;

/**
 * The supertypes of a class being defined, which are usually not loaded yet: the JVM loads a
 * superclass after its subclass's bytes have passed the transformers. A supertype's class file is
 * read as its class loader would find it ({@code getResourceAsStream}, as the type pools of bytecode
 * libraries do); the JDK's own types are read from their loaded classes. Shapes are kept per
 * class loader, weakly. A type that cannot be found counts as having no supertypes: such a class
 * would fail to load anyway.
 */
final class TypeHierarchy {
    private static final String[] JDK = {"java/", "javax/", "jdk/", "sun/", "com/sun/"};

    private final WeakIdentityMap<Map<String, ClassShape>> byLoader = new WeakIdentityMap<>();
    /** The shapes of the bootstrap loader's classes, which no map can key weakly. */
    private final Map<String, ClassShape> boot = new ConcurrentHashMap<>();

    /** Keeps the shape of a class whose bytes are at hand, for its subclasses to come. */
    void remember(ClassLoader loader, ClassShape shape) {
        shapes(loader).put(shape.name, shape);
    }

    /** The shape of the named type as {@code loader} sees it, or null if it cannot be found. */
    ClassShape shape(ClassLoader loader, String name) {
        Map<String, ClassShape> known = shapes(loader);
        ClassShape shape = known.get(name);
        if (shape == null) {
            shape = find(loader, name);
            if (shape != null) known.put(name, shape);
        }
        return shape;
    }

    /** Every superclass and interface of {@code type}, transitively, by internal name; not the type itself. */
    Set<String> supertypes(ClassLoader loader, ClassShape type) {
        Set<String> all = new HashSet<>();
        Deque<ClassShape> todo = new ArrayDeque<>();
        todo.add(type);
        for (ClassShape t; (t = todo.poll()) != null; ) {
            List<String> direct = new ArrayList<>(List.of(t.interfaces));
            if (t.superName != null) direct.add(t.superName);
            for (String s : direct) {
                if (!all.add(s)) continue;
                ClassShape shape = shape(loader, s);
                if (shape != null) todo.add(shape);
            }
        }
        return all;
    }

    /** The superclasses of {@code type}, nearest first, as far as they can be found; not {@code java/lang/Object}. */
    List<ClassShape> superclasses(ClassLoader loader, ClassShape type) {
        List<ClassShape> chain = new ArrayList<>();
        for (ClassShape s = type; s.superName != null && !s.superName.equals("java/lang/Object"); ) {
            s = shape(loader, s.superName);
            if (s == null) break;
            chain.add(s);
        }
        return chain;
    }

    private Map<String, ClassShape> shapes(ClassLoader loader) {
        if (loader == null) return boot;
        synchronized (byLoader) {
            Map<String, ClassShape> shapes = byLoader.get(loader);
            if (shapes == null) byLoader.put(loader, shapes = new ConcurrentHashMap<>());
            return shapes;
        }
    }

    private static ClassShape find(ClassLoader loader, String name) {
        if (isJdk(name)) {
            try {
                return ClassShape.of(Class.forName(name.replace('/', '.'), false, ClassLoader.getPlatformClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                // javax/ also holds libraries of the application's (javax.servlet): read as any other
            }
        }
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(name + ".class")
            : loader.getResourceAsStream(name + ".class")) {
            if (in == null) return null;
            byte[] bytes = in.readAllBytes();
            return ClassShape.read(new ClassReader(bytes), JdbcCandidates.isCandidate(bytes));
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    private static boolean isJdk(String name) {
        for (String prefix : JDK) {
            if (name.startsWith(prefix)) return true;
        }
        return false;
    }
}
