package io.connguard.it.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Arrays;

/**
 * A second agent, in the way a coverage agent such as JaCoCo is one (a transformer that cannot
 * retransform, loaded after connguard's): for the class its argument names, it prints whether the
 * class file it was handed is the one on the class path, as compiled.
 */
public final class ClassFileWitness {
    private ClassFileWitness() {}

    public static void premain(String className, Instrumentation inst) {
        String internal = className.replace('.', '/');
        inst.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
                if (!internal.equals(name)) return null;
                try (InputStream in = loader.getResourceAsStream(name + ".class")) {
                    System.out.println("handed the class file as compiled: " + Arrays.equals(bytes, in.readAllBytes()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            }
        });
    }
}
