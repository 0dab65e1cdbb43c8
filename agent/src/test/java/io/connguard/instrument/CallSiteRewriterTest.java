package io.connguard.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

class CallSiteRewriterTest {
    private static final ProtectionDomain PLACE = place();

    @Test
    void everyStatementMakingMethodOfConnectionIsKnown() {
        int makers = 0;
        for (Method m : Connection.class.getMethods()) {
            Class<?> returned = m.getReturnType();
            if (returned != Statement.class && returned != PreparedStatement.class && returned != CallableStatement.class) continue;
            makers++;
            assertTrue(JdbcInterfaces.STATEMENT_MAKERS.contains(JdbcInterfaces.key(m.getName(), Type.getMethodDescriptor(m))), m.toString());
        }
        assertEquals(makers, JdbcInterfaces.STATEMENT_MAKERS.size());
    }

    @Test
    void aClassThatMakesStatementsIsToldFromItsConstantPool() throws IOException {
        assertTrue(CallSiteRewriter.makesStatements(new ClassReader(bytesOf(MakesStatements.class))));
        assertFalse(CallSiteRewriter.makesStatements(new ClassReader(bytesOf(CallSiteRewriterTest.class))),
            "names Connection and its methods, but calls none through the interface");
    }

    /** Each statement-making call gets its site passed just before it, and is left as it was. */
    @Test
    void aSiteIsPassedJustBeforeEachStatementMakingCall() throws IOException {
        byte[] rewritten = CallSiteRewriter.rewrite(new ClassReader(bytesOf(MakesStatements.class)), null, PLACE);
        assertNotNull(rewritten);
        assertEquals(List.of("at", "prepareStatement", "at", "createStatement", "close"), callsIn(rewritten));
    }

    /** The statement is made as it was, and a call that fails fails as it did: the same exception, message and line. */
    @Test
    void aRewrittenCallBehavesAndFailsAsTheCallDid() throws Exception {
        byte[] original = bytesOf(MakesStatements.class);
        Class<?> asCompiled = new Defining(original).loadClass(MakesStatements.class.getName());
        Class<?> rewritten = new Defining(CallSiteRewriter.rewrite(new ClassReader(original), null, PLACE))
            .loadClass(MakesStatements.class.getName());
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:call-sites")) {
            for (String method : List.of("prepare", "create")) {
                try (Statement statement = (Statement) rewritten.getMethod(method, Connection.class).invoke(null, c);
                     ResultSet rs = statement instanceof PreparedStatement ? ((PreparedStatement) statement).executeQuery()
                         : statement.executeQuery("SELECT 1")) {
                    assertTrue(rs.next());
                }
                Throwable expected = thrownBy(asCompiled, method);
                Throwable actual = thrownBy(rewritten, method);
                assertEquals(expected.getClass(), actual.getClass());
                assertEquals(expected.getMessage(), actual.getMessage());
                assertEquals(expected.getStackTrace()[0], actual.getStackTrace()[0]);
            }
        }
    }

    /**
     * A call whose offset carries two line number entries (no javac writes that; other compilers
     * and bytecode tools may): the JVM gives the call the first line and the code after it the
     * last, and so it does once the call has moved past its site's code.
     */
    @Test
    void aCallWithTwoLineEntriesKeepsBothLines() throws Exception {
        byte[] original = generated(cw -> {
            MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "make", "(Ljava/sql/Connection;)V", null, null);
            m.visitCode();
            Label load = new Label(), call = new Label();
            m.visitLabel(load);
            m.visitLineNumber(5, load);
            m.visitVarInsn(Opcodes.ALOAD, 0);
            m.visitLabel(call);
            m.visitLineNumber(10, call);
            m.visitLineNumber(20, call);
            m.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/sql/Connection", "createStatement", "()Ljava/sql/Statement;", true);
            m.visitInsn(Opcodes.POP);
            m.visitInsn(Opcodes.ACONST_NULL);
            m.visitInsn(Opcodes.ATHROW); // a NullPointerException after the call
            m.visitMaxs(1, 1);
            m.visitEnd();
        });
        Class<?> asCompiled = new Defining(GENERATED, original).loadClass(GENERATED);
        Class<?> rewritten = new Defining(GENERATED, CallSiteRewriter.rewrite(new ClassReader(original), null, PLACE)).loadClass(GENERATED);
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:two-lines")) {
            for (Class<?> fixture : List.of(asCompiled, rewritten)) {
                assertEquals(10, lineThrownBy(fixture, "make", null), "the call, on no connection");
                assertEquals(20, lineThrownBy(fixture, "make", c), "the code after the call");
            }
        }
    }

    /** A method with no room for a site's locals or stack below the JVM's 65,535 is left as compiled, and still verifies. */
    @Test
    void aMethodAtTheJvmsLimitsIsLeftAsCompiled() throws Exception {
        byte[] original = generated(cw -> {
            makerMethod(cw, "roomy", 1, 1);
            makerMethod(cw, "manyLocals", 1, 0xFFFF - 3);
            makerMethod(cw, "deepStack", 0xFFFF - 1, 1);
        });
        byte[] rewritten = CallSiteRewriter.rewrite(new ClassReader(original), null, PLACE);
        assertEquals(List.of("at", "createStatement", "createStatement", "createStatement"), callsIn(rewritten));
        Class<?> fixture = new Defining(GENERATED, rewritten).loadClass(GENERATED);
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:limits")) {
            for (String method : List.of("roomy", "manyLocals", "deepStack")) {
                ((Statement) fixture.getMethod(method, Connection.class).invoke(null, c)).close();
            }
        }
    }

    private static final String GENERATED = "io.connguard.instrument.Generated";

    /** A class {@link #GENERATED} whose methods {@code body} writes. */
    private static byte[] generated(Consumer<ClassWriter> body) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, GENERATED.replace('.', '/'), null, "java/lang/Object", null);
        cw.visitSource("Generated.java", null);
        body.accept(cw);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code static Statement name(Connection c) { return c.createStatement(); }} with the given maxima. */
    private static void makerMethod(ClassWriter cw, String name, int maxStack, int maxLocals) {
        MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, name, "(Ljava/sql/Connection;)Ljava/sql/Statement;", null, null);
        m.visitCode();
        m.visitVarInsn(Opcodes.ALOAD, 0);
        m.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/sql/Connection", "createStatement", "()Ljava/sql/Statement;", true);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(maxStack, maxLocals);
        m.visitEnd();
    }

    /** The line of the top frame of what the fixture's {@code method} throws given {@code c}. */
    private static int lineThrownBy(Class<?> fixture, String method, Connection c) {
        InvocationTargetException e = assertThrows(InvocationTargetException.class,
            () -> fixture.getMethod(method, Connection.class).invoke(null, c));
        return e.getCause().getStackTrace()[0].getLineNumber();
    }

    @Test
    void aClassWithoutAKnownPlaceIsLeftAsItIs() throws Exception {
        assertNull(CallSiteRewriter.rewrite(new ClassReader(bytesOf(MakesStatements.class)), null, null));
    }

    /** What the fixture's {@code method} throws given no connection. */
    private static Throwable thrownBy(Class<?> fixture, String method) {
        InvocationTargetException e = assertThrows(InvocationTargetException.class,
            () -> fixture.getMethod(method, Connection.class).invoke(null, (Object) null));
        return e.getCause();
    }

    /** The names of the methods the class calls, in order. */
    private static List<String> callsIn(byte[] classFile) {
        List<String> calls = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String called, String d, boolean isInterface) {
                        if (owner.equals("java/sql/Connection") || owner.equals("io/connguard/runtime/CallSites")) calls.add(called);
                    }
                };
            }
        }, 0);
        return calls;
    }

    private static byte[] bytesOf(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    private static ProtectionDomain place() {
        try {
            return new ProtectionDomain(new CodeSource(new URL("file:/call-site-rewriter-test/"), (Certificate[]) null), null);
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Defines one fixture class from given bytes, child-first; the rest from the test's class path. */
    private static final class Defining extends ClassLoader {
        private final String fixture;
        private final byte[] bytes;

        Defining(byte[] bytes) {
            this(MakesStatements.class.getName(), bytes);
        }

        Defining(String fixture, byte[] bytes) {
            super(CallSiteRewriterTest.class.getClassLoader());
            this.fixture = fixture;
            this.bytes = bytes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(fixture)) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                return c != null ? c : defineClass(name, bytes, 0, bytes.length, PLACE);
            }
        }
    }
}
