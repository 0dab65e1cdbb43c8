package io.connguard.it.scenarios;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/** A test class run through the JUnit Platform launcher, as Surefire runs it, with whichever engine it needs. */
final class TestClassRun {
    private TestClassRun() {}

    /**
     * Runs {@code testClass} and prints how many tests passed.
     *
     * @throws IllegalStateException unless exactly {@code expected} tests passed and none failed
     */
    static void expectPassing(Class<?> testClass, long expected) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, summary);
        long ok = summary.getSummary().getTestsSucceededCount();
        if (ok != expected || summary.getSummary().getTotalFailureCount() != 0) {
            throw new IllegalStateException("expected " + expected + " tests to pass, " + ok + " did");
        }
        System.out.println("tests passed: " + ok);
    }
}
