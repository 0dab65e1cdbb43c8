package io.connguard.report;

import io.connguard.runtime.Finding;

/** Findings as JFR events ({@link FindingEvent}), where the JVM has JFR. */
final class Jfr {
    /** A JVM image linked without jdk.jfr cannot load {@link FindingEvent}; don't let that cost the report. */
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private Jfr() {}

    /** Emits {@code f}, of site {@code site}, when JFR is there (and records it). */
    static void emit(Finding f, SiteKey site) {
        if (AVAILABLE) FindingEvent.emit(f, site);
    }
}
