package com.zaxxer.hikari.pool;

import org.junit.jupiter.api.Test;

/** The test method a pool's suite declares once and runs for each of its subclasses (DBCP's {@code TestConnectionPool}). */
public abstract class PoolSuiteBase {
    @Test
    void borrowsTwiceAndReturnsNeither() throws Exception {
        borrowTwice();
    }

    /** What each subclass does in that test. */
    abstract void borrowTwice() throws Exception;
}
