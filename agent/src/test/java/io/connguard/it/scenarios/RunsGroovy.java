package io.connguard.it.scenarios;

import java.io.File;
import java.util.Arrays;

import groovy.lang.GroovyClassLoader;

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
                TestClassRun.expectPassing(type, 1);
            } else {
                type.getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
            }
        }
        System.out.println("done");
    }
}
