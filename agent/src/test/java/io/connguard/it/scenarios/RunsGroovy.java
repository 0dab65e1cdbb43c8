package io.connguard.it.scenarios;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.File;
import java.util.Arrays;

import groovy.lang.GroovyClassLoader;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs a Groovy source file of this class path's {@code groovy/} folder (Groovy 3, compiled as it
 * loads) as its users run it: a Spock specification through the JUnit Platform launcher, as Surefire
 * does; any other class through its {@code main}, with the remaining arguments.
 */
public final class RunsGroovy {
    public static void main(String[] args) throws Exception {
        File source = new File(RunsGroovy.class.getResource("/groovy/" + args[0]).toURI());
        try (GroovyClassLoader loader = new GroovyClassLoader(RunsGroovy.class.getClassLoader())) {
            Class<?> type = loader.parseClass(source);
            if (Class.forName("spock.lang.Specification").isAssignableFrom(type)) {
                LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(type)).build();
                SummaryGeneratingListener summary = new SummaryGeneratingListener();
                LauncherFactory.create().execute(request, summary);
                long ok = summary.getSummary().getTestsSucceededCount();
                if (ok != 1 || summary.getSummary().getTotalFailureCount() != 0) throw new IllegalStateException("expected the one feature to pass, " + ok + " did");
            } else {
                type.getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
            }
        }
        System.out.println("done");
    }
}
