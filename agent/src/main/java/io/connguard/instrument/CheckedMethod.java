package io.connguard.instrument;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Puts {@link Hook#CHECK} in front of one method: {@code Guard.check(this, name)}, then the
 * method as it was. No local, frame or handler is added: the stack is empty again before the
 * method's first instruction, and there is no exit call.
 */
final class CheckedMethod extends MethodVisitor {
    private final String name;

    CheckedMethod(MethodVisitor next, String name) {
        super(Opcodes.ASM9, next);
        this.name = name;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        Hook.Call check = Hook.CHECK.enter;
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitLdcInsn(name);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, Hook.GUARD, check.method, check.descriptor, false);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(Math.max(maxStack, 2), maxLocals);
    }
}
