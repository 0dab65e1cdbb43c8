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

    static void install(Options options, Instrumentation inst, String version) {
        Reporter reporter = new Reporter(options, version);
        Config.strict = options.strict();
        Config.stacksAll = options.stacksAll();
        Config.stackDepth = options.stackDepth();
        Config.leakThresholdNanos = options.leakThresholdMillis() < 0 ? -1 : options.leakThresholdMillis() * 1_000_000;
        List<String> pools = new ArrayList<>(Arrays.asList(Config.KNOWN_POOLS));
        pools.addAll(options.pools());
        Config.pools = pools.toArray(new String[0]);
        Config.launcherThreadId = Thread.currentThread().getId();
        Config.sink = reporter;
        Guard.startLeakWatcher();
        ExitHook.register(inst, Guard::jvmExit);
        Instrumenter.install(inst, reporter);
        System.setProperty("connguard.reportFile", options.report().toString());
    }
}
