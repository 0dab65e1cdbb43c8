package io.connguard.it.scenarios;

/**
 * Runs a JUnit 5 test class through the JUnit Platform launcher, as Surefire does:
 * {@code org.apache.ibatis.connguardit.LeakingInLibraryPackage}, a test class in a data-access
 * framework's package whose tests leak connections.
 */
public final class RunsLibraryTests {
    public static void main(String[] args) throws Exception {
        System.setProperty("scenario.url", ScenarioDb.fromArgs(args, "library").url);
        TestClassRun.expectPassing(Class.forName("org.apache.ibatis.connguardit.LeakingInLibraryPackage"), 2);
        System.out.println("done");
    }
}
