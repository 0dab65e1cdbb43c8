package io.connguard.agent;

import io.connguard.instrument.Instrumenter;
import io.connguard.options.Options;
import io.connguard.report.JsonLinesSink;
import io.connguard.report.Reporter;
import io.connguard.runtime.Config;
import io.connguard.runtime.Guard;
import java.lang.instrument.Instrumentation;

/**
 * Configures the runtime, connects it to the report, and instruments JDBC. Nothing on the way
 * through {@code premain} uses a lambda (nor a library that does): the JVM's first lambda spins
 * its invokedynamic machinery, some 15 ms that would count to every JVM's start-up.
 */
final class Installer {
    private Installer() {}

    /** {@code report}: the report file {@code options} names, opened. */
    static void install(Options options, JsonLinesSink report, Instrumentation inst, String version, boolean attached) {
        Reporter reporter = new Reporter(options, report, version);
        Config.strict = options.strict();
        Config.stacksAll = options.stacksAll();
        Config.stackDepth = options.stackDepth();
        Config.handoffAllowed = options.handoffAllowed();
        Config.leakThresholdNanos = options.leakThresholdMillis() < 0 ? -1 : options.leakThresholdMillis() * 1_000_000;
        Config.pools = options.poolsInForce(Config.KNOWN_POOLS);
        Config.attached = attached;
        Config.launcherThreadId = attached ? mainThreadId() : Thread.currentThread().getId();
        Config.sink = reporter;
        Guard.startLeakWatcher();
        ExitHook.register(inst, new Runnable() { // not a lambda: see the class comment
            @Override
            public void run() {
                Guard.jvmExit();
            }
        });
        Instrumenter.install(inst, reporter, attached);
        System.setProperty(Options.REPORT_FILE_PROPERTY, options.report().toString());
    }

    /** Attached later, premain did not run on the launcher's thread: find it by its name and group. */
    private static long mainThreadId() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if ("main".equals(t.getName()) && t.getThreadGroup() != null && "main".equals(t.getThreadGroup().getName())) return t.getId();
        }
        return -1;
    }
}
