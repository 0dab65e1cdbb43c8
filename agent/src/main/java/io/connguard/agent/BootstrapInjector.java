package io.connguard.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Defines {@code io.connguard.runtime} in the bootstrap class loader, so that the hooks written into
 * driver classes of any class loader resolve it, and the agent's own classes resolve the same
 * copy by parent delegation. The classes are defined directly: appending a jar to the boot class
 * path would make the JVM warn that class data sharing is limited. That append is only the
 * fallback, for a JVM without the internal define method.
 */
final class BootstrapInjector {
    private static final String RUNTIME = "io/connguard/runtime/";

    private BootstrapInjector() {}

    static void injectRuntime(Instrumentation inst) throws Exception {
        Map<String, byte[]> classes = runtimeClasses();
        try {
            defineInBootLoader(inst, classes);
        } catch (ReflectiveOperationException | RuntimeException e) {
            appendToBootClassPath(inst, classes);
        }
    }

    private static void defineInBootLoader(Instrumentation inst, Map<String, byte[]> classes) throws ReflectiveOperationException {
        inst.redefineModule(Object.class.getModule(), Set.of(), Map.of("jdk.internal.misc", Set.of(BootstrapInjector.class.getModule())),
            Map.of(), Set.of(), Map.of());
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
            ClassLoader.class, ProtectionDomain.class);
        // a class can only be defined once its supertypes are: retry what failed until all are in
        List<String> pending = new ArrayList<>(classes.keySet());
        while (!pending.isEmpty()) {
            List<String> failed = new ArrayList<>();
            for (String name : pending) {
                byte[] bytes = classes.get(name);
                try {
                    define.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
                } catch (InvocationTargetException e) {
                    if (!(e.getCause() instanceof NoClassDefFoundError)) throw e;
                    failed.add(name);
                }
            }
            if (failed.size() == pending.size()) throw new IllegalStateException("cannot define " + failed);
            pending = failed;
        }
    }

    private static void appendToBootClassPath(Instrumentation inst, Map<String, byte[]> classes) throws IOException {
        Path jar = Files.createTempFile("connguard-runtime", ".jar");
        jar.toFile().deleteOnExit();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                out.putNextEntry(new JarEntry(c.getKey().replace('.', '/') + ".class"));
                out.write(c.getValue());
                out.closeEntry();
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
    }

    private static Map<String, byte[]> runtimeClasses() throws IOException, URISyntaxException {
        Path source = Paths.get(BootstrapInjector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, byte[]> classes = new LinkedHashMap<>();
        if (Files.isDirectory(source)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(source.resolve(RUNTIME))) {
                for (Path p : files) {
                    String name = p.getFileName().toString();
                    if (name.endsWith(".class")) classes.put(className(RUNTIME + name), Files.readAllBytes(p));
                }
            }
            return classes;
        }
        try (JarFile jar = new JarFile(source.toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry e = entries.nextElement();
                String name = e.getName();
                if (!name.startsWith(RUNTIME) || !name.endsWith(".class")) continue;
                try (InputStream in = jar.getInputStream(e)) {
                    classes.put(className(name), in.readAllBytes());
                }
            }
        }
        return classes;
    }

    private static String className(String entry) {
        return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
    }
}
