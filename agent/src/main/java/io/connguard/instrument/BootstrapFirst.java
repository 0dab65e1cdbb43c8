package io.connguard.instrument;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Makes every class loader answer connguard's runtime ({@code io.connguard.runtime.*}) with the
 * bootstrap loader's copy, so that the hooks in a JDBC class resolve whatever loader defined that
 * class: a child-first web-app loader, an OSGi bundle loader, a loader that throws for names it
 * does not know. Whether a loader would find the runtime is never asked: asking runs the
 * application's own {@code loadClass}.
 *
 * <p>A loader class that declares {@code loadClass(String)} or {@code loadClass(String, boolean)}
 * gets, at the start of that method:
 * <pre>
 * if (name != null &amp;&amp; name.startsWith("io.connguard.runtime.")) {
 *     try { return Class.forName(name, false, null); } catch (ClassNotFoundException | SecurityException e) {}
 * }
 * </pre>
 * It names nothing but {@code java.lang}: the loader may see nothing else, and the runtime is the
 * very thing being looked up. {@code Class.forName} with the bootstrap loader never calls a
 * {@code loadClass} method, so it cannot come back here. Not found there or not allowed: the
 * loader's own code runs, as it would without connguard. A loader that declares neither inherits
 * {@code ClassLoader.loadClass}, which asks its parent first and the bootstrap loader last: it
 * finds the runtime without help. The JDK's own loaders delegate to the bootstrap loader and are
 * left alone.
 */
final class BootstrapFirst extends MethodVisitor {
    private static final String RUNTIME = "io.connguard.runtime.";
    private static final String ONE = "(Ljava/lang/String;)Ljava/lang/Class;";
    private static final String TWO = "(Ljava/lang/String;Z)Ljava/lang/Class;";

    private final String owner;
    private final boolean resolveArgument;
    private final boolean frames;

    BootstrapFirst(MethodVisitor next, String owner, String descriptor, boolean frames) {
        super(Opcodes.ASM9, next);
        this.owner = owner;
        this.resolveArgument = descriptor.equals(TWO);
        this.frames = frames;
    }

    static boolean isLoadClass(int access, String name, String descriptor) {
        return name.equals("loadClass") && (descriptor.equals(ONE) || descriptor.equals(TWO)) && MethodRoles.isAdvisable(access, name);
    }

    static boolean declaresLoadClass(ClassShape shape) {
        for (String descriptor : new String[] {ONE, TWO}) {
            ClassShape.Declared d = shape.methods().get(JdbcInterfaces.key("loadClass", descriptor));
            if (d != null && isLoadClass(d.access, "loadClass", d.descriptor)) return true;
        }
        return false;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        Label own = new Label();
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label notFound = new Label();
        mv.visitTryCatchBlock(tryStart, tryEnd, notFound, "java/lang/ClassNotFoundException");
        mv.visitTryCatchBlock(tryStart, tryEnd, notFound, "java/lang/SecurityException");
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitJumpInsn(Opcodes.IFNULL, own);
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitLdcInsn(RUNTIME);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/String", "startsWith", "(Ljava/lang/String;)Z", false);
        mv.visitJumpInsn(Opcodes.IFEQ, own);
        mv.visitLabel(tryStart);
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Class", "forName",
            "(Ljava/lang/String;ZLjava/lang/ClassLoader;)Ljava/lang/Class;", false);
        mv.visitLabel(tryEnd);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitLabel(notFound);
        frame(new Object[] {"java/lang/Exception"});
        mv.visitInsn(Opcodes.POP);
        mv.visitLabel(own);
        frame(new Object[0]);
        // the method's own first instruction may carry a frame of its own: never two at one offset
        mv.visitInsn(Opcodes.NOP);
    }

    private void frame(Object[] stack) {
        if (!frames) return;
        Object[] locals = resolveArgument ? new Object[] {owner, "java/lang/String", Opcodes.INTEGER}
            : new Object[] {owner, "java/lang/String"};
        mv.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(Math.max(maxStack, 3), maxLocals);
    }
}
