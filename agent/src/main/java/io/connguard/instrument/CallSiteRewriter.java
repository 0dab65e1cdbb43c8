package io.connguard.instrument;

import io.connguard.runtime.CallSites;
import io.connguard.runtime.SiteCalls;
import java.security.ProtectionDomain;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites the statement-making calls in an application class ({@link CallSites}): each
 * {@code invokeinterface java/sql/Connection.createStatement}, {@code prepareStatement} or
 * {@code prepareCall} becomes its site's number pushed, an {@code invokestatic} of the
 * {@link SiteCalls} method of the same name (reference types but arrays erased to {@code Object},
 * the site last) and a {@code checkcast} to the type the call returned. No branch, local or handler
 * is added, so the class's stack map frames stay valid; the method needs one more stack slot.
 */
final class CallSiteRewriter extends ClassVisitor {
    private static final String CONNECTION = "java/sql/Connection";
    private static final String SITE_CALLS = Type.getInternalName(SiteCalls.class);
    /** The statement-making methods of {@code java.sql.Connection} (JDBC 4.3), by name and descriptor. */
    private static final Set<String> MAKERS = Set.of(
        "createStatement()Ljava/sql/Statement;",
        "createStatement(II)Ljava/sql/Statement;",
        "createStatement(III)Ljava/sql/Statement;",
        "prepareStatement(Ljava/lang/String;)Ljava/sql/PreparedStatement;",
        "prepareStatement(Ljava/lang/String;I)Ljava/sql/PreparedStatement;",
        "prepareStatement(Ljava/lang/String;[I)Ljava/sql/PreparedStatement;",
        "prepareStatement(Ljava/lang/String;[Ljava/lang/String;)Ljava/sql/PreparedStatement;",
        "prepareStatement(Ljava/lang/String;II)Ljava/sql/PreparedStatement;",
        "prepareStatement(Ljava/lang/String;III)Ljava/sql/PreparedStatement;",
        "prepareCall(Ljava/lang/String;)Ljava/sql/CallableStatement;",
        "prepareCall(Ljava/lang/String;II)Ljava/sql/CallableStatement;",
        "prepareCall(Ljava/lang/String;III)Ljava/sql/CallableStatement;");
    /** The constant pool tag of an interface method reference (JVMS 4.4.2). */
    private static final int INTERFACE_METHODREF = 11;

    private final String loaderName;
    private final ProtectionDomain domain;
    private String className;
    private String sourceFile;

    private CallSiteRewriter(ClassVisitor next, ClassLoader loader, ProtectionDomain domain) {
        super(Opcodes.ASM9, next);
        this.loaderName = loader.getName(); // final in ClassLoader: a field read, no application code
        this.domain = domain;
    }

    /**
     * The class file of an application class ({@code reader}, loaded by {@code loader} into
     * {@code module} from {@code domain}) with its statement-making calls rewritten, or null when
     * it makes none or may not be rewritten ({@link CallSites#mayRewrite}).
     */
    static byte[] rewrite(ClassReader reader, ClassLoader loader, Module module, ProtectionDomain domain) {
        if (!makesStatements(reader) || !CallSites.mayRewrite(reader.getClassName().replace('/', '.'), module, domain)) return null;
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new CallSiteRewriter(writer, loader, domain), 0);
        return writer.toByteArray();
    }

    /** Whether the constant pool refers to a statement-making method of {@code java.sql.Connection}: read without parsing the class. */
    static boolean makesStatements(ClassReader reader) {
        char[] buffer = new char[reader.getMaxStringLength()];
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset == 0 || reader.readByte(offset - 1) != INTERFACE_METHODREF) continue; // 0: the second slot of a long or double
            if (!CONNECTION.equals(reader.readClass(offset, buffer))) continue;
            int nameAndType = reader.getItem(reader.readUnsignedShort(offset + 2));
            if (MAKERS.contains(reader.readUTF8(nameAndType, buffer) + reader.readUTF8(nameAndType + 2, buffer))) return true;
        }
        return false;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        className = name.replace('/', '.');
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public void visitSource(String source, String debug) {
        sourceFile = source;
        super.visitSource(source, debug);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        return new Calls(super.visitMethod(access, name, descriptor, signature, exceptions), name);
    }

    /** One method's calls, each at the line the class file gives the instruction (the last line number met before it). */
    private final class Calls extends MethodVisitor {
        private final String method;
        private int line = -1;
        private boolean rewrote;

        Calls(MethodVisitor next, String method) {
            super(Opcodes.ASM9, next);
            this.method = method;
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            this.line = line;
            super.visitLineNumber(line, start);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            int site = opcode == Opcodes.INVOKEINTERFACE && owner.equals(CONNECTION) && MAKERS.contains(name + descriptor)
                ? CallSites.register(loaderName, className, method, sourceFile, line, domain) : 0;
            if (site == 0) {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                return;
            }
            super.visitLdcInsn(site);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, SITE_CALLS, name, siteCallDescriptor(descriptor), false);
            super.visitTypeInsn(Opcodes.CHECKCAST, Type.getReturnType(descriptor).getInternalName());
            rewrote = true;
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(rewrote ? maxStack + 1 : maxStack, maxLocals);
        }
    }

    /** {@code (Ljava/sql/Connection;Ljava/lang/String;I)...} becomes {@code (Ljava/lang/Object;Ljava/lang/Object;II)Ljava/lang/Object;}. */
    static String siteCallDescriptor(String descriptor) {
        StringBuilder b = new StringBuilder("(Ljava/lang/Object;");
        for (Type t : Type.getArgumentTypes(descriptor)) b.append(t.getSort() == Type.OBJECT ? "Ljava/lang/Object;" : t.getDescriptor());
        return b.append("I)Ljava/lang/Object;").toString();
    }
}
