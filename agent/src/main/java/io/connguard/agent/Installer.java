package io.connguard.agent;


import io.connguard.instrument.Instrumenter;
import io.connguard.report.Reporter;
import io.connguard.runtime.Config;
import io.connguard.runtime.Guard;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Configures the runtime, connects it to the report, and instruments JDBC. */
final class Installer {
    private Installer() {}

    static void install(Options options, Instrumentation inst, String version, boolean attached) {
        Reporter reporter = new Reporter(options, version);
        Config.strict = options.strict();
        Config.stacksAll = options.stacksAll();
        Config.stackDepth = options.stackDepth();
        Config.leakThresholdNanos = options.leakThresholdMillis() < 0 ? -1 : options.leakThresholdMillis() * 1_000_000;
        List<String> pools = new ArrayList<>(Arrays.asList(Config.KNOWN_POOLS));
        pools.addAll(options.pools());
        Config.pools = pools.toArray(new String[0]);
        Config.attached = attached;
        Config.launcherThreadId = attached ? mainThreadId() : Thread.currentThread().getId();
        Config.sink = reporter;
        Guard.startLeakWatcher();
        ExitHook.register(inst, Guard::jvmExit);
        Instrumenter.install(inst, reporter, attached);
        System.setProperty("connguard.reportFile", options.report().toString());
    }

    /** Attached later, premain did not run on the launcher's thread: find it by its name and group. */
    private static long mainThreadId() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if ("main".equals(t.getName()) && t.getThreadGroup() != null && "main".equals(t.getThreadGroup().getName())) return t.getId();
        }
        return -1;
    }
}
