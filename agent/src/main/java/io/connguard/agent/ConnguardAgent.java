package io.connguard.agent;

import io.connguard.options.OptionException;
import io.connguard.options.Options;
import io.connguard.report.JsonLinesSink;
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
        JsonLinesSink report;
        try {
            options = Options.parse(args, systemProperties(), System.getenv());
            if (alreadyRunning()) {
                System.err.println("connguard: already attached to this JVM; the new options are ignored");
                return;
            }
            // before the runtime is injected: refused here, a later attach with a good path still works
            report = openReport(options);
        } catch (OptionException e) {
            System.err.println(e.getMessage() + (attached ? "; connguard was not attached, the application runs on" : ""));
            System.err.flush();
            // at start, running on without the detector would give false confidence: stop before the
            // application does anything. Attached later (by any attacher: jcmd, an IDE), the JVM was
            // already running and must stay so; the attacher is refused instead.
            if (!attached) Runtime.getRuntime().halt(1);
            return;
        }
        try {
            BootstrapInjector.injectRuntime(inst);
            Installer.install(options, report, inst, version(), attached);
        } catch (Throwable t) {
            System.err.println("connguard: could not start (" + t + "); the application runs without it");
        }
    }

    /**
     * The report file, opened. One the user chose and connguard cannot open is refused as a bad
     * option is; the default one (a read-only working directory) leaves the findings to the log.
     */
    private static JsonLinesSink openReport(Options options) {
        try {
            return JsonLinesSink.open(options.report());
        } catch (OptionException e) {
            if (options.reportChosen()) throw e;
            System.err.println(e.getMessage() + "; findings are only logged");
            return JsonLinesSink.unwritten(options.report());
        }
    }

    /** A second attach would instrument everything twice. */
    private static boolean alreadyRunning() {
        try {
            Class.forName("io.connguard.runtime.Guard", false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The agent jar's version, from its manifest ({@code Implementation-Version}); {@code dev} when run from classes. */
    public static String version() {
        String v = ConnguardAgent.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> all = new HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) all.put(name, System.getProperty(name));
        return all;
    }
}
