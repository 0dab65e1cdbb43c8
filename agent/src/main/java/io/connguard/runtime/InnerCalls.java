package io.connguard.runtime;

/**
 * Calls a driver makes inside a column accessor it is answering: sqlite-jdbc's, pgjdbc's and
 * Connector/J's {@code getString(label)} call {@code findColumn}. Accessor hooks have no exit, so
 * the depth count does not see those calls nested, and on a closed result set, or on another
 * thread's, each would be a finding of its own with the driver's frame on top. Only a call about
 * to be reported asks, with the stack it took: when this thread's last such call on the same
 * connection's family is still on that stack, below this one, this call runs inside it, and that
 * call is the finding.
 */
final class InnerCalls {
    private InnerCalls() {}

    /**
     * Whether the call whose stack is {@code at} (connguard's frames on top, then the called JDBC
     * method's) runs inside the last call on {@code family} that thread {@code s} was about to
     * report; if it does not, it becomes that call. Called by {@code s}'s own thread only.
     */
    static boolean insideLastReported(ThreadState s, ConnectionResource family, StackTraceElement[] at) {
        int call = Stacks.firstOutsideRuntime(at);
        if (family == s.reportedFamily && runsInside(at, call, s.reportedStack, s.reportedCall)) return true;
        s.reportedFamily = family;
        s.reportedStack = at;
        s.reportedCall = call;
        return false;
    }

    /**
     * Whether the bottom of {@code at}, strictly below its call frame {@code call}, is the outer
     * call's frame ({@code outer[outerCall]}, the same method, now at another line) with the very
     * frames that were below it: that call has not returned yet.
     */
    private static boolean runsInside(StackTraceElement[] at, int call, StackTraceElement[] outer, int outerCall) {
        if (outer == null) return false;
        int depth = outer.length - outerCall;
        int from = at.length - depth;
        if (from <= call) return false;
        StackTraceElement inner = at[from], called = outer[outerCall];
        if (!inner.getClassName().equals(called.getClassName()) || !inner.getMethodName().equals(called.getMethodName())) return false;
        for (int i = 1; i < depth; i++) {
            if (!at[from + i].equals(outer[outerCall + i])) return false;
        }
        return true;
    }
}
