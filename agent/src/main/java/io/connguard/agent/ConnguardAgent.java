package io.connguard.agent;

import java.lang.instrument.Instrumentation;

/** Entry point named in the manifest. */
public final class ConnguardAgent {
    private ConnguardAgent() {}

    public static void premain(String args, Instrumentation inst) {
    }

    public static void agentmain(String args, Instrumentation inst) {
        premain(args, inst);
    }
}
