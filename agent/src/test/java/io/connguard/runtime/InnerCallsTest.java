package io.connguard.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which calls about to be reported run inside the one this thread reported last. */
class InnerCallsTest {
    private static final StackTraceElement HOOK = frame("io.connguard.runtime.Guard", "check", 1);
    private static final StackTraceElement MAIN = frame("app.Main", "main", 9);

    private final ThreadState thread = ThreadState.current();
    private final ConnectionResource family = new ConnectionResource(new Object(), thread, null, null);

    @Test
    void theDriversCallInsideTheReportedAccessorIsInside() {
        assertFalse(InnerCalls.insideLastReported(thread, family, stack(getString(120), MAIN)));
        assertTrue(InnerCalls.insideLastReported(thread, family, stack(findColumn(), getString(366), MAIN)));
    }

    @Test
    void theSameCallAgainFromTheSameLineIsNotInside() {
        assertFalse(InnerCalls.insideLastReported(thread, family, stack(getString(120), MAIN)));
        assertFalse(InnerCalls.insideLastReported(thread, family, stack(getString(120), MAIN)));
    }

    @Test
    void aCallFromTheApplicationBelowTheSameLineIsNotInside() {
        assertFalse(InnerCalls.insideLastReported(thread, family, stack(getString(120), MAIN)));
        assertFalse(InnerCalls.insideLastReported(thread, family, stack(getString(120), frame("app.Main", "print", 20), MAIN)));
    }

    @Test
    void aCallOnAnotherFamilyIsNotInside() {
        ConnectionResource other = new ConnectionResource(new Object(), thread, null, null);
        assertFalse(InnerCalls.insideLastReported(thread, family, stack(getString(120), MAIN)));
        assertFalse(InnerCalls.insideLastReported(thread, other, stack(findColumn(), getString(366), MAIN)));
    }

    private static StackTraceElement getString(int line) {
        return frame("org.sqlite.jdbc3.JDBC3ResultSet", "getString", line);
    }

    private static StackTraceElement findColumn() {
        return frame("org.sqlite.jdbc3.JDBC3ResultSet", "findColumn", 80);
    }

    private static StackTraceElement[] stack(StackTraceElement... below) {
        StackTraceElement[] all = new StackTraceElement[below.length + 1];
        all[0] = HOOK;
        System.arraycopy(below, 0, all, 1, below.length);
        return all;
    }

    private static StackTraceElement frame(String className, String method, int line) {
        return new StackTraceElement(className, method, className.substring(className.lastIndexOf('.') + 1) + ".java", line);
    }
}
