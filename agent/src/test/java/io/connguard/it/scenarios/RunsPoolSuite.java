package io.connguard.it.scenarios;

import com.zaxxer.hikari.pool.PoolSuiteMisuses;

/** Runs {@link PoolSuiteMisuses} with JUnit's launcher, as a pool's own build runs its tests. */
public final class RunsPoolSuite {
    public static void main(String[] args) {
        TestClassRun.expectPassing(PoolSuiteMisuses.class, 1);
        System.out.println("done");
    }
}
