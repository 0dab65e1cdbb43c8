package io.connguard.it.scenarios;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs a JUnit 5 test class through the JUnit Platform launcher, as Surefire does:
 * {@code org.apache.ibatis.connguardit.LeakingInLibraryPackage}, a test class in a data-access
 * framework's package whose tests leak connections.
 */
public final class RunsLibraryTests {
    public static void main(String[] args) throws Exception {
        System.setProperty("scenario.url", ScenarioDb.fromArgs(args, "library").url);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Class.forName("org.apache.ibatis.connguardit.LeakingInLibraryPackage"))).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(request, summary);
        long ok = summary.getSummary().getTestsSucceededCount();
        if (ok != 2) throw new IllegalStateException("expected 2 tests to pass, " + ok + " did");
        System.out.println("tests passed: " + ok);
        System.out.println("done");
    }
}
