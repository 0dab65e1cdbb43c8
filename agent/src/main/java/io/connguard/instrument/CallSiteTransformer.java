package io.connguard.instrument;

import io.connguard.runtime.ClassBytes;
import io.connguard.runtime.FindingSink;
import io.connguard.runtime.Guard;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.MethodTooLargeException;

/**
 * The transformer that gives the application's statement-making calls their sites
 * ({@link CallSiteRewriter}). It is registered as able to retransform, so the JVM calls it after
 * every transformer that is not (JDBC's, and a coverage agent's such as JaCoCo's, whichever
 * {@code -javaagent} comes first): those are handed the class file as it was compiled, and a
 * coverage tool's check of its classes against the files on disk still matches. It changes method
 * bodies only, so a class another agent retransforms later gets the same rewriting again.
 */
final class CallSiteTransformer implements ClassFileTransformer {
    /** The constant-pool entry (UTF-8 tag, length 19, the name) of a class file that names {@code java.sql.Connection}. */
    private static final byte[] CONNECTION = {1, 0, 19, 'j', 'a', 'v', 'a', '/', 's', 'q', 'l', '/', 'C', 'o', 'n', 'n', 'e', 'c', 't', 'i', 'o', 'n'};

    private final FindingSink errors;

    CallSiteTransformer(FindingSink errors) {
        this.errors = errors;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        // connguard's own classes that run on the application's threads are the runtime's, which the boot loader defines
        if (loader == null || name == null || JdbcCandidates.isJdk(name) || !ClassBytes.holds(bytes, CONNECTION)) return null;
        long started = Guard.agentWorkBegins();
        try {
            return CallSiteRewriter.rewrite(new ClassReader(bytes), module, domain);
        } catch (MethodTooLargeException | ClassTooLargeException e) {
            return null; // a method at the class file's limits: its statements take their stacks, as a framework's do
        } catch (Throwable t) {
            errors.internalError(new IllegalStateException("could not give the calls of " + name + " their sites", t));
            return null;
        } finally {
            Guard.agentWorkEnds(started);
        }
    }
}
