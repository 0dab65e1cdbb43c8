package io.connguard.instrument;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.TypePath;

/**
 * Puts a {@link Hook} around one method: the entry call first; then, in new locals right after the
 * parameters (the method's own locals move up), the token it returned and copies of what the exit
 * call needs ({@code this}, the first argument); the exit call before every return, and a handler
 * around the whole body that makes the exit call for a throw and rethrows. No branch is added, so
 * the only new stack map frame is the handler's; the method's own frames get the new locals.
 * Nothing else in the method changes.
 *
 * <p>The entry call comes before the handler's range: when it throws (strict mode refusing the
 * call), there is no call to exit from. The exit reads copies because a method may store other
 * values in its parameters' slots (the JDK's proxy classes keep a caught exception in the first
 * argument's), so the handler's frame declares those slots unknown.
 */
final class AdvisedMethod extends MethodVisitor {
    private final Hook hook;
    private final String name;
    private final Type[] parameters;
    private final Type returns;
    private final boolean frames;
    /** The first new local: the copy of {@code this}; the first argument's copy follows, if the exit reads it. */
    private final int self;
    private final Object argumentCopy;
    private final int token;
    private final Label start = new Label();

    /**
     * {@code descriptor}: the method's;
     * {@code frames}: the class file has stack map frames (version 50 and later), read expanded.
     */
    AdvisedMethod(MethodVisitor next, Hook hook, String name, String descriptor, boolean frames) {
        super(Opcodes.ASM9, next);
        this.hook = hook;
        this.name = name;
        this.parameters = Type.getArgumentTypes(descriptor);
        this.returns = Type.getReturnType(descriptor);
        this.frames = frames;
        this.self = Type.getArgumentsAndReturnSizes(descriptor) >> 2; // 'this' included
        this.argumentCopy = exitReadsArgument(hook) ? frameType(parameters[0]) : null;
        this.token = self + (argumentCopy == null ? 1 : 2);
    }

    private static boolean exitReadsArgument(Hook hook) {
        for (Hook.Operand o : hook.exit.operands) {
            if (o == Hook.Operand.ARG0 || o == Hook.Operand.ARG0_BOOLEAN) return true;
        }
        return false;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        call(hook.enter, true);
        mv.visitVarInsn(Opcodes.ASTORE, token);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitVarInsn(Opcodes.ASTORE, self);
        if (argumentCopy != null) {
            mv.visitVarInsn(parameters[0].getOpcode(Opcodes.ILOAD), 1);
            mv.visitVarInsn(parameters[0].getOpcode(Opcodes.ISTORE), self + 1);
        }
        mv.visitLabel(start);
    }

    /** The new locals' entries in a frame. */
    private Object[] newLocals() {
        return argumentCopy == null ? new Object[] {"java/lang/Object", "java/lang/Object"}
            : new Object[] {"java/lang/Object", argumentCopy, "java/lang/Object"};
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) call(hook.exit, true);
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        Label end = new Label();
        Label handler = new Label();
        mv.visitLabel(end);
        mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable"); // after the method's own: innermost wins
        mv.visitLabel(handler);
        if (frames) {
            Object[] locals = new Object[token + 1];
            java.util.Arrays.fill(locals, 0, self, Opcodes.TOP);
            System.arraycopy(newLocals(), 0, locals, self, token + 1 - self);
            mv.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
        }
        call(hook.exit, false);
        mv.visitInsn(Opcodes.ATHROW);
        mv.visitMaxs(Math.max(maxStack, 3) + 6, maxLocals + token + 1 - self);
    }

    /**
     * Pushes a call's operands and makes it; {@code returned}: on a normal return, with its value
     * on the stack. The entry call reads the parameters themselves, an exit call their copies.
     */
    private void call(Hook.Call call, boolean returned) {
        outcome(call.outcome, returned);
        boolean entry = call == hook.enter;
        for (Hook.Operand o : call.operands) {
            switch (o) {
                case SELF: mv.visitVarInsn(Opcodes.ALOAD, entry ? 0 : self); break;
                case NAME: mv.visitLdcInsn(name); break;
                case ARG0: mv.visitVarInsn(Opcodes.ALOAD, entry ? 1 : self + 1); break;
                case ARG0_BOOLEAN: mv.visitVarInsn(Opcodes.ILOAD, entry ? 1 : self + 1); break;
                case NULL: mv.visitInsn(Opcodes.ACONST_NULL); break;
                case TOKEN: mv.visitVarInsn(Opcodes.ALOAD, token); break;
                default: throw new AssertionError(o);
            }
        }
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, Hook.GUARD, call.method, call.descriptor, false);
    }

    private void outcome(Hook.Outcome outcome, boolean returned) {
        boolean reference = returns.getSort() == Type.OBJECT || returns.getSort() == Type.ARRAY;
        switch (outcome) {
            case NONE: break;
            case RETURNED:
                mv.visitInsn(returned && reference ? Opcodes.DUP : Opcodes.ACONST_NULL);
                break;
            case NULL: mv.visitInsn(Opcodes.ACONST_NULL); break;
            case DONE: mv.visitInsn(returned ? Opcodes.ICONST_1 : Opcodes.ICONST_0); break;
            case RETURNED_FALSE:
                if (returned) {
                    mv.visitInsn(Opcodes.DUP);
                    mv.visitInsn(Opcodes.ICONST_1);
                    mv.visitInsn(Opcodes.IXOR);
                } else {
                    mv.visitInsn(Opcodes.ICONST_0);
                }
                break;
            default: throw new AssertionError(outcome);
        }
    }

    private static Object frameType(Type t) {
        switch (t.getSort()) {
            case Type.BOOLEAN: case Type.BYTE: case Type.CHAR: case Type.SHORT: case Type.INT: return Opcodes.INTEGER;
            case Type.FLOAT: return Opcodes.FLOAT;
            case Type.LONG: return Opcodes.LONG;
            case Type.DOUBLE: return Opcodes.DOUBLE;
            default: return t.getInternalName();
        }
    }

    // --- the method's own locals, above the new ones

    private int moved(int local) {
        return local >= self ? local + token + 1 - self : local;
    }

    @Override
    public void visitVarInsn(int opcode, int local) {
        super.visitVarInsn(opcode, moved(local));
    }

    @Override
    public void visitIincInsn(int local, int increment) {
        super.visitIincInsn(moved(local), increment);
    }

    @Override
    public void visitLocalVariable(String name, String descriptor, String signature, Label from, Label to, int local) {
        super.visitLocalVariable(name, descriptor, signature, from, to, moved(local));
    }

    @Override
    public org.objectweb.asm.AnnotationVisitor visitLocalVariableAnnotation(int typeRef, TypePath typePath, Label[] from,
                                                                            Label[] to, int[] locals, String descriptor,
                                                                            boolean visible) {
        int[] shifted = new int[locals.length];
        for (int i = 0; i < locals.length; i++) shifted[i] = moved(locals[i]);
        return super.visitLocalVariableAnnotation(typeRef, typePath, from, to, shifted, descriptor, visible);
    }

    /** An expanded frame lists one entry per local, a {@code long} or {@code double} counting for two slots. */
    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        int slot = 0;
        int at = 0;
        while (at < numLocal && slot < self) {
            slot += local[at] == Opcodes.LONG || local[at] == Opcodes.DOUBLE ? 2 : 1;
            at++;
        }
        int padding = self - slot;
        Object[] added = newLocals();
        Object[] with = new Object[numLocal + padding + added.length];
        System.arraycopy(local, 0, with, 0, at);
        for (int i = 0; i < padding; i++) with[at + i] = Opcodes.TOP;
        System.arraycopy(added, 0, with, at + padding, added.length);
        System.arraycopy(local, at, with, at + padding + added.length, numLocal - at);
        super.visitFrame(type, with.length, with, numStack, stack);
    }
}
