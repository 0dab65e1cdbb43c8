package io.connguard.instrument;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A method visitor that knows the line number entries that give the instruction about to be
 * visited its line, as HotSpot reads a {@code LineNumberTable} (JVMS 4.7.12): the first entry
 * that starts at the instruction gives it its line, and the last of the entries that start
 * nearest before an instruction without one of its own gives that one its line. Entries are
 * visited with the labels of their offsets, in offset order, before the instruction there.
 */
class Lines extends MethodVisitor {
    /** The last entry's line: what an instruction with no entry of its own gets. -1: no entry yet. */
    private int last = -1;
    /** The lines of the entries that start at the coming instruction, in table order. */
    private final List<Integer> here = new ArrayList<>();

    Lines(MethodVisitor next) {
        super(Opcodes.ASM9, next);
    }

    /**
     * The entries to give the instruction about to be visited again when code is put before it,
     * as lines in table order: those that start at it (the first is its line, the last the line of
     * the instructions after it that have none of their own), else the one whose line it falls
     * under; empty if the method has no line numbers.
     */
    final List<Integer> entries() {
        if (!here.isEmpty()) return List.copyOf(here);
        return last < 0 ? List.of() : List.of(last);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        here.add(line);
        last = line;
        super.visitLineNumber(line, start);
    }

    /** An instruction was visited: an entry met later starts at a later one. */
    private void passed() {
        here.clear();
    }

    @Override
    public void visitInsn(int opcode) {
        super.visitInsn(opcode);
        passed();
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        super.visitIntInsn(opcode, operand);
        passed();
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
        super.visitVarInsn(opcode, var);
        passed();
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        super.visitTypeInsn(opcode, type);
        passed();
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        super.visitFieldInsn(opcode, owner, name, descriptor);
        passed();
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        passed();
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
        passed();
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        super.visitJumpInsn(opcode, label);
        passed();
    }

    @Override
    public void visitLdcInsn(Object value) {
        super.visitLdcInsn(value);
        passed();
    }

    @Override
    public void visitIincInsn(int var, int increment) {
        super.visitIincInsn(var, increment);
        passed();
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        super.visitTableSwitchInsn(min, max, dflt, labels);
        passed();
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        super.visitLookupSwitchInsn(dflt, keys, labels);
        passed();
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
        passed();
    }
}
