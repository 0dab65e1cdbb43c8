package io.connguard.instrument;

import io.connguard.runtime.CallSites;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.List;
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
 * call gets the line number entries that gave it and the code after it their lines (see
 * {@link Lines}). A method with no room left below the JVM's limits for the new locals and the
 * two values the site puts on the stack (65,535 each, JVMS 4.7.3) is left as compiled.
 */
final class CallSiteRewriter extends ClassVisitor {
    private static final String CONNECTION = "java/sql/Connection";
    private static final String CALL_SITES = "io/connguard/runtime/CallSites";
    /** The constant pool tag of an interface method reference (JVMS 4.4.2). */
    private static final int INTERFACE_METHODREF = 11;

    /** The most arguments a statement-making method takes: the locals a call sets them aside in. */
    private static final int MOST_ARGUMENTS = 4;
    /** What passing a site puts on the stack beyond the call's own operands: the receiver again and the site. */
    private static final int SITE_STACK = 2;
    /** The largest {@code max_stack} and {@code max_locals} a method may have (JVMS 4.7.3: a u2). */
    private static final int MOST = 0xFFFF;

    private final ProtectionDomain domain;
    /**
     * The {@code max_locals} as compiled, where its new locals begin, of each method (by name and
     * descriptor) with room for a site's locals and stack; a method not in it is left as compiled.
     */
    private final Map<String, Integer> roomy;
    private String className;

    private CallSiteRewriter(ClassVisitor next, ProtectionDomain domain, Map<String, Integer> roomy) {
        super(Opcodes.ASM9, next);
        this.domain = domain;
        this.roomy = roomy;
    }

    /**
     * The class file of an application class ({@code reader}, loaded into {@code module} from
     * {@code domain}) with its statement-making calls' sites, or null when it makes none or may
     * not be rewritten ({@link CallSites#mayRewrite}).
     */
    static byte[] rewrite(ClassReader reader, Module module, ProtectionDomain domain) {
        if (!makesStatements(reader) || !CallSites.mayRewrite(reader.getClassName().replace('/', '.'), module, domain)) return null;
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new CallSiteRewriter(writer, domain, roomy(reader)), 0);
        return writer.toByteArray();
    }

    /** The {@code max_locals} of each method with room for a site, by name and descriptor. */
    private static Map<String, Integer> roomy(ClassReader reader) {
        Map<String, Integer> firstFree = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMaxs(int maxStack, int maxLocals) {
                        if (maxStack <= MOST - SITE_STACK && maxLocals <= MOST - MOST_ARGUMENTS) firstFree.put(name + descriptor, maxLocals);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return firstFree;
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
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        Integer firstFree = roomy.get(name + descriptor);
        return firstFree == null ? mv : new Calls(mv, name, firstFree);
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
                List<Integer> lines = entries();
                Type[] arguments = Type.getArgumentTypes(descriptor); // each one slot: String, int, int[], String[]
                for (int i = arguments.length - 1; i >= 0; i--) mv.visitVarInsn(arguments[i].getOpcode(Opcodes.ISTORE), firstFree + i);
                mv.visitInsn(Opcodes.DUP);
                mv.visitLdcInsn(CallSites.register(className, method, domain));
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, CALL_SITES, "at", "(Ljava/lang/Object;I)V", false);
                for (int i = 0; i < arguments.length; i++) mv.visitVarInsn(arguments[i].getOpcode(Opcodes.ILOAD), firstFree + i);
                if (!lines.isEmpty()) {
                    // the call moved past the code just put before it: it, and what follows, keep their lines
                    Label here = new Label();
                    mv.visitLabel(here);
                    for (int line : lines) mv.visitLineNumber(line, here);
                }
                rewrote = true;
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            if (rewrote) super.visitMaxs(maxStack + SITE_STACK, maxLocals + MOST_ARGUMENTS);
            else super.visitMaxs(maxStack, maxLocals);
        }
    }
}
