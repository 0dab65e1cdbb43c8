package io.connguard.instrument;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites one class by its {@link JdbcTransformer.Plan}: hooks on the methods it declares,
 * {@link BootstrapFirst} on a loader's {@code loadClass}, and, for a tracked class as it loads,
 * the {@code Tracked} interface with its field and the overrides of inherited JDBC methods.
 * Methods without a hook are copied as they are.
 */
final class InstrumentedClass extends ClassVisitor {
    private final JdbcTransformer.Plan plan;
    private boolean frames;

    InstrumentedClass(ClassVisitor next, JdbcTransformer.Plan plan) {
        super(Opcodes.ASM9, next);
        this.plan = plan;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        frames = (version & 0xFFFF) >= Opcodes.V1_6;
        if (plan.addsState && !plan.inheritsTracked && (interfaces == null || !java.util.Arrays.asList(interfaces).contains(JdbcTransformer.TRACKED))) {
            String[] with = new String[interfaces == null ? 1 : interfaces.length + 1];
            if (interfaces != null) System.arraycopy(interfaces, 0, with, 0, interfaces.length);
            with[with.length - 1] = JdbcTransformer.TRACKED;
            interfaces = with;
        }
        super.visit(version, access, name, signature, superName, interfaces);
    }

    /**
     * A class can hold connguard's state members already: a mocking library's subclass overrides
     * every public method of the class it mocks, the accessors that class got included. Those
     * members are dropped and the class gets its own, as any tracked class does, so that no mock
     * intercepts connguard's state.
     */
    @Override
    public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
        return plan.addsState && name.equals(JdbcTransformer.FIELD) ? null : super.visitField(access, name, descriptor, signature, value);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        if (plan.addsState && name.equals(JdbcTransformer.FIELD)) return null; // the accessors: see visitField
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        if (plan.classLoader && BootstrapFirst.isLoadClass(access, name, descriptor)) return new BootstrapFirst(mv, plan.owner, descriptor, frames);
        Hook hook = plan.hookFor(access, name, descriptor);
        return hook == null ? mv : hooked(mv, hook, name, descriptor);
    }

    private MethodVisitor hooked(MethodVisitor mv, Hook hook, String name, String descriptor) {
        plan.hooked.add(name);
        return hook == Hook.CHECK ? new CheckedMethod(mv, name) : new AdvisedMethod(mv, hook, name, descriptor, frames);
    }

    @Override
    public void visitEnd() {
        if (plan.addsState) addState();
        for (JdbcTransformer.Inherited m : plan.overrides) override(m);
        super.visitEnd();
    }

    /** The field behind {@code Tracked} and its two accessors. */
    private void addState() {
        String field = JdbcTransformer.FIELD;
        super.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_TRANSIENT, field, "Ljava/lang/Object;", null, null).visitEnd();
        MethodVisitor get = super.visitMethod(Opcodes.ACC_PUBLIC, field, "()Ljava/lang/Object;", null, null);
        get.visitCode();
        get.visitVarInsn(Opcodes.ALOAD, 0);
        get.visitFieldInsn(Opcodes.GETFIELD, plan.owner, field, "Ljava/lang/Object;");
        get.visitInsn(Opcodes.ARETURN);
        get.visitMaxs(1, 1);
        get.visitEnd();
        MethodVisitor set = super.visitMethod(Opcodes.ACC_PUBLIC, field, "(Ljava/lang/Object;)V", null, null);
        set.visitCode();
        set.visitVarInsn(Opcodes.ALOAD, 0);
        set.visitVarInsn(Opcodes.ALOAD, 1);
        set.visitFieldInsn(Opcodes.PUTFIELD, plan.owner, field, "Ljava/lang/Object;");
        set.visitInsn(Opcodes.RETURN);
        set.visitMaxs(2, 2);
        set.visitEnd();
    }

    /** {@code public R name(args) { return super.name(args); }}, with its hook. */
    private void override(JdbcTransformer.Inherited m) {
        String descriptor = m.declared.descriptor;
        MethodVisitor mv = hooked(super.visitMethod(Opcodes.ACC_PUBLIC, m.name, descriptor, null, m.declared.exceptions),
            m.hook, m.name, descriptor);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        int slot = 1;
        for (Type t : Type.getArgumentTypes(descriptor)) {
            mv.visitVarInsn(t.getOpcode(Opcodes.ILOAD), slot);
            slot += t.getSize();
        }
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, plan.superName, m.name, descriptor, false);
        mv.visitInsn(Type.getReturnType(descriptor).getOpcode(Opcodes.IRETURN));
        mv.visitMaxs(Math.max(slot, 2), slot);
        mv.visitEnd();
    }
}
