package io.connguard.instrument;

import io.connguard.runtime.CallSites;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Gives the statement-making calls in an application class their sites ({@link CallSites}): just
 * before each {@code invokeinterface java/sql/Connection.createStatement}, {@code prepareStatement}
 * or {@code prepareCall}, its arguments are set aside in locals of their own, and
 * {@link CallSites#at} is called with the receiver and the site's number; then the arguments are
 * put back. The call itself stays where it was, so whatever it throws (a null receiver's message,
 * a linkage error) is what it threw. No branch or handler is added, and the new locals lie past
 * the method's own, live only between two instructions, so the stack map frames stay valid; the
 * call gets a line number entry of its own, the line the JVM gave it before (see {@link Lines}).
 */
final class CallSiteRewriter extends ClassVisitor {
    private static final String CONNECTION = "java/sql/Connection";
    private static final String CALL_SITES = "io/connguard/runtime/CallSites";
    /** The constant pool tag of an interface method reference (JVMS 4.4.2). */
    private static final int INTERFACE_METHODREF = 11;

    /** The most arguments a statement-making method takes: the locals a call sets them aside in. */
    private static final int MOST_ARGUMENTS = 4;

    private final ProtectionDomain domain;
    /** Each method's {@code max_locals} as compiled, by name and descriptor: where its new locals begin. */
    private final Map<String, Integer> locals;
    private String className;

    private CallSiteRewriter(ClassVisitor next, ProtectionDomain domain, Map<String, Integer> locals) {
        super(Opcodes.ASM9, next);
        this.domain = domain;
        this.locals = locals;
    }

    /**
     * The class file of an application class ({@code reader}, loaded into {@code module} from
     * {@code domain}) with its statement-making calls' sites, or null when it makes none or may
     * not be rewritten ({@link CallSites#mayRewrite}).
     */
    static byte[] rewrite(ClassReader reader, Module module, ProtectionDomain domain) {
        if (!makesStatements(reader) || !CallSites.mayRewrite(reader.getClassName().replace('/', '.'), module, domain)) return null;
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new CallSiteRewriter(writer, domain, maxLocals(reader)), 0);
        return writer.toByteArray();
    }

    /** Each method's {@code max_locals}, by name and descriptor. */
    private static Map<String, Integer> maxLocals(ClassReader reader) {
        Map<String, Integer> locals = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMaxs(int maxStack, int maxLocals) {
                        locals.put(name + descriptor, maxLocals);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return locals;
    }

    /** Whether the constant pool refers to a statement-making method of {@code java.sql.Connection}: read without parsing the class. */
    static boolean makesStatements(ClassReader reader) {
        char[] buffer = new char[reader.getMaxStringLength()];
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset == 0 || reader.readByte(offset - 1) != INTERFACE_METHODREF) continue; // 0: the second slot of a long or double
            if (!CONNECTION.equals(reader.readClass(offset, buffer))) continue;
            int nameAndType = reader.getItem(reader.readUnsignedShort(offset + 2));
            if (isMaker(reader.readUTF8(nameAndType, buffer), reader.readUTF8(nameAndType + 2, buffer))) return true;
        }
        return false;
    }

    private static boolean isMaker(String name, String descriptor) {
        return JdbcInterfaces.STATEMENT_MAKERS.contains(JdbcInterfaces.key(name, descriptor));
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        className = name.replace('/', '.');
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        return new Calls(super.visitMethod(access, name, descriptor, signature, exceptions), name, locals.getOrDefault(name + descriptor, 0));
    }

    /** One method's statement-making calls. */
    private final class Calls extends Lines {
        private final String method;
        /** The first local past the method's own. */
        private final int firstFree;
        private boolean rewrote;

        Calls(MethodVisitor next, String method, int firstFree) {
            super(next);
            this.method = method;
            this.firstFree = firstFree;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (opcode == Opcodes.INVOKEINTERFACE && owner.equals(CONNECTION) && isMaker(name, descriptor)) {
                int line = line();
                Type[] arguments = Type.getArgumentTypes(descriptor); // each one slot: String, int, int[], String[]
                for (int i = arguments.length - 1; i >= 0; i--) mv.visitVarInsn(arguments[i].getOpcode(Opcodes.ISTORE), firstFree + i);
                mv.visitInsn(Opcodes.DUP);
                mv.visitLdcInsn(CallSites.register(className, method, domain));
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, CALL_SITES, "at", "(Ljava/lang/Object;I)V", false);
                for (int i = 0; i < arguments.length; i++) mv.visitVarInsn(arguments[i].getOpcode(Opcodes.ILOAD), firstFree + i);
                if (line >= 0) {
                    // the call moved past the code just put before it: it keeps the line the JVM gave it
                    Label here = new Label();
                    mv.visitLabel(here);
                    mv.visitLineNumber(line, here);
                }
                rewrote = true;
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            if (rewrote) super.visitMaxs(Math.min(maxStack + 2, 0xFFFF), Math.min(maxLocals + MOST_ARGUMENTS, 0xFFFF));
            else super.visitMaxs(maxStack, maxLocals);
        }
    }
}
