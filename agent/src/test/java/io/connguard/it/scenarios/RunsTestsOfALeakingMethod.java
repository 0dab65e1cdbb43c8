package io.connguard.it.scenarios;

/** Runs an application's tests, two of which run one method that leaks a connection ({@code com.example.dao.OrdersRepositoryChecks}). */
public final class RunsTestsOfALeakingMethod {
    public static void main(String[] args) throws Exception {
        TestClassRun.expectPassing(Class.forName("com.example.dao.OrdersRepositoryChecks"), 3);
        System.out.println("done");
    }
}
