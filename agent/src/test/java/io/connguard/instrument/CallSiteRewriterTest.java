package io.connguard.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connguard.runtime.CallSites;
import io.connguard.runtime.SiteCalls;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

class CallSiteRewriterTest {

    @Test
    void everyStatementMakingMethodOfConnectionHasItsSiteCall() {
        for (Method m : Connection.class.getMethods()) {
            Class<?> returned = m.getReturnType();
            if (returned != Statement.class && returned != PreparedStatement.class && returned != java.sql.CallableStatement.class) continue;
            String descriptor = CallSiteRewriter.siteCallDescriptor(Type.getMethodDescriptor(m));
            boolean found = false;
            for (Method call : SiteCalls.class.getMethods()) {
                found |= call.getName().equals(m.getName()) && Type.getMethodDescriptor(call).equals(descriptor)
                    && Modifier.isStatic(call.getModifiers());
            }
            assertTrue(found, "SiteCalls." + m.getName() + descriptor);
        }
    }

    @Test
    void aClassThatMakesStatementsIsToldFromItsConstantPool() throws IOException {
        assertTrue(CallSiteRewriter.makesStatements(new ClassReader(bytesOf(MakesStatements.class))));
        assertFalse(CallSiteRewriter.makesStatements(new ClassReader(bytesOf(CallSiteRewriterTest.class))),
            "names Connection and its methods, but calls none through the interface");
    }

    /**
     * The rewritten calls verify, behave as the calls did, and each site is the frame a stack
     * taken on its line gives: the creating line a statement would get from its stack.
     */
    @Test
    void aRewrittenCallMakesTheStatementAndItsSiteIsTheFrameOfItsLine() throws Exception {
        ProtectionDomain domain = new ProtectionDomain(new CodeSource(new URL("file:/call-site-rewriter-test/"), (Certificate[]) null), null);
        Defining loader = new Defining(domain);
        byte[] rewritten = CallSiteRewriter.rewrite(new ClassReader(bytesOf(MakesStatements.class)), loader, null, domain);
        assertNotNull(rewritten);
        List<Integer> sites = sitesIn(rewritten);
        assertEquals(2, sites.size(), "prepareStatement and createStatement, not close");
        loader.bytes = rewritten;
        Class<?> fixture = loader.loadClass(MakesStatements.class.getName());
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:call-sites")) {
            for (int i = 0; i < 2; i++) {
                Object[] made = (Object[]) fixture.getMethod(i == 0 ? "prepare" : "create", Connection.class).invoke(null, c);
                try (Statement statement = (Statement) made[0];
                     ResultSet rs = statement instanceof PreparedStatement ? ((PreparedStatement) statement).executeQuery()
                         : statement.executeQuery("SELECT 1")) {
                    assertTrue(rs.next());
                }
                assertEquals(made[1], CallSites.frame(sites.get(i)));
            }
        }
    }

    @Test
    void aClassOfAFrameworkOrWithoutAKnownPlaceIsLeftAsItIs() throws Exception {
        ClassReader reader = new ClassReader(bytesOf(MakesStatements.class));
        assertNull(CallSiteRewriter.rewrite(reader, getClass().getClassLoader(), null, null), "no code source");
    }

    /** The site numbers the rewritten class passes, in the order of its calls. */
    private static List<Integer> sitesIn(byte[] classFile) {
        List<Integer> sites = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    private Object constant;

                    @Override
                    public void visitLdcInsn(Object value) {
                        constant = value;
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String called, String d, boolean isInterface) {
                        if (owner.equals(Type.getInternalName(SiteCalls.class))) sites.add((Integer) constant);
                        assertFalse(owner.equals("java/sql/Connection") && !called.equals("close"), "left as it was: " + called);
                    }
                };
            }
        }, 0);
        return sites;
    }

    private static byte[] bytesOf(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Defines the fixture from {@link #bytes}, child-first; the rest from the test's class path. */
    private static final class Defining extends ClassLoader {
        private final ProtectionDomain domain;
        byte[] bytes;

        Defining(ProtectionDomain domain) {
            super(CallSiteRewriterTest.class.getClassLoader());
            this.domain = domain;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(MakesStatements.class.getName())) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                return c != null ? c : defineClass(name, bytes, 0, bytes.length, domain);
            }
        }
    }
}
