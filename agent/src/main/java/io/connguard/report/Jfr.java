package io.connguard.report;

import io.connguard.runtime.Finding;
import jdk.jfr.FlightRecorder;

/**
 * Findings as JFR events ({@link FindingEvent}), once JFR has started in this JVM. Before that no
 * recording can be running, and no event class is loaded: the first one loaded starts JFR's own
 * machinery, about 90 ms on the thread that made the finding, a delay the application would see.
 * A recording started later ({@code jcmd JFR.start}) gets the findings made from then on.
 */
final class Jfr {
    /** A JVM image linked without jdk.jfr cannot load {@link FindingEvent}; don't let that cost the report. */
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private Jfr() {}

    /** Emits {@code f}, of site {@code site}, when JFR is there and started (a recording then records it). */
    static void emit(Finding f, SiteKey site) {
        if (AVAILABLE && FlightRecorder.isInitialized()) FindingEvent.emit(f, site);
    }
}
