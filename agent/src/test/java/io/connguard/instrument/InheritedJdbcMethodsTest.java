package io.connguard.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A JDBC method a class inherits from code that is never rewritten gets an override that carries
 * its hook and calls what it inherits: a method of a superclass whose class file names no JDBC
 * type, through {@code super}; a method of a superclass that implements no JDBC interface, through
 * the bridge the compiler put in the public class between them.
 */
class InheritedJdbcMethodsTest {
    /** The application's interface over {@code Connection}. */
    interface AConnection extends java.sql.Connection {}

    /** Implements it and closes, and names no JDBC type: never rewritten itself. */
    abstract static class ClosesQuietly implements AConnection {
        @Override
        public void close() {}
    }

    abstract static class BelowIt extends ClosesQuietly {
        java.sql.Connection physical;
    }

    @Test
    void aMethodOfASuperclassThatIsNeverRewrittenIsCalledThroughAnOverride() throws IOException {
        assertEquals(List.of("Guard.enterClose", "INVOKESPECIAL " + internal(ClosesQuietly.class) + ".close", "Guard.exitClose", "Guard.exitClose"),
            calls(rewritten(BelowIt.class), "close"));
    }

    /** Implements no JDBC interface, and is not public: its public subclass gets bridges to its methods. */
    static class Statements {
        public void close() {}
    }

    /** Names no JDBC type: its bridge {@code close()} calls {@link Statements}'s. */
    public static class BridgesToStatements extends Statements {}

    abstract static class AStatement extends BridgesToStatements implements java.sql.Statement {}

    @Test
    void aMethodOfAPackagePrivateSuperclassIsCalledThroughTheBridgeBelowIt() throws IOException {
        assertEquals(List.of("Guard.enterClose", "INVOKESPECIAL " + internal(BridgesToStatements.class) + ".close", "Guard.exitClose", "Guard.exitClose"),
            calls(rewritten(AStatement.class), "close"));
    }

    private static String internal(Class<?> c) {
        return c.getName().replace('.', '/');
    }

    private static byte[] rewritten(Class<?> c) throws IOException {
        byte[] bytes;
        try (InputStream in = c.getResourceAsStream("/" + internal(c) + ".class")) {
            bytes = in.readAllBytes();
        }
        Errors errors = new Errors();
        byte[] out = new JdbcTransformer(null, errors, null).transform(null, InheritedJdbcMethodsTest.class.getClassLoader(), null, null, bytes);
        assertEquals(List.of(), errors.list);
        assertNotNull(out, c + " was not rewritten");
        return out;
    }

    /**
     * The calls the method {@code name()} of the class file makes, in order: connguard's hooks (the
     * exit twice: on the return and in the handler) and the {@code super} call's owner.
     */
    private static List<String> calls(byte[] classFile, String name) {
        List<String> calls = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String n, String descriptor, String signature, String[] exceptions) {
                if (!n.equals(name) || !descriptor.startsWith("()")) return null;
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String called, String d, boolean isInterface) {
                        if (owner.equals("io/connguard/runtime/Guard")) calls.add("Guard." + called);
                        else if (opcode == Opcodes.INVOKESPECIAL) calls.add("INVOKESPECIAL " + owner + "." + called);
                    }
                };
            }
        }, 0);
        return calls;
    }
}
