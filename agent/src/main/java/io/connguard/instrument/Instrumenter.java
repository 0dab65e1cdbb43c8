package io.connguard.instrument;

import io.connguard.runtime.FindingSink;
import java.lang.instrument.Instrumentation;

/**
 * Installs {@link JdbcTransformer} for every JDBC class and every class loader class loaded from
 * now on, so that those JDBC classes resolve connguard's runtime whichever loader defines them, and
 * {@link CallSiteTransformer} for the application's classes that make statements.
 */
public final class Instrumenter {
    private Instrumenter() {}

    /**
     * {@code errors}: where a class that could not be instrumented is reported. {@code attached}:
     * the JVM is running already, and the JDBC and class loader classes it loaded are instrumented too.
     */
    public static void install(Instrumentation inst, FindingSink errors, boolean attached) {
        LoadedClasses loaded = attached ? LoadedClasses.scan(inst) : null;
        JdbcTransformer jdbc = new JdbcTransformer(inst, errors, loaded);
        inst.addTransformer(new JdbcCandidates(jdbc), attached);
        inst.addTransformer(new CallSiteTransformer(errors), true);
        if (attached) loaded.retransform(inst, errors);
        else prepareInBackground(jdbc);
    }

    /**
     * Loads and runs the rewriting once on a daemon thread while the application starts (a test JVM
     * spends a while in its framework before the first driver loads), instead of on the thread
     * that loads the first JDBC class. A JVM that exits first loses nothing.
     */
    private static void prepareInBackground(JdbcTransformer jdbc) {
        Thread t = new Thread("connguard-prepare") { // no lambda in premain: its first one costs start-up
            @Override
            public void run() {
                jdbc.prepare();
            }
        };
        t.setDaemon(true);
        t.start();
    }
}
