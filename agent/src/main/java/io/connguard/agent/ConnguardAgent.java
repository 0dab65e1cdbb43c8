package io.connguard.agent;

import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.Map;

/**
 * Entry point named in the manifest. It must not touch {@code io.connguard.runtime} before
 * {@link BootstrapInjector} has defined it in the bootstrap loader: the first reference decides
 * which copy the application's class loader sees, and there must only ever be one.
 */
public final class ConnguardAgent {
    private ConnguardAgent() {}

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    /** Attached to a running JVM (see the {@code attach} command): JDBC classes already loaded are retransformed. */
    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    private static void start(String args, Instrumentation inst, boolean attached) {
        Options options;
        try {
            options = Options.parse(args, systemProperties(), System.getenv());
        } catch (OptionException e) {
            // running on without the detector would give false confidence: stop, in one line
            System.err.println(e.getMessage());
            System.err.flush();
            Runtime.getRuntime().halt(1);
            return;
        }
        try {
            BootstrapInjector.injectRuntime(inst);
            Installer.install(options, inst, version(), attached);
        } catch (Throwable t) {
            System.err.println("connguard: could not start (" + t + "); the application runs without it");
        }
    }

    static String version() {
        String v = ConnguardAgent.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> all = new HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) all.put(name, System.getProperty(name));
        return all;
    }
}
