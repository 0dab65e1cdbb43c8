package com.example.dao;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An application's tests of {@link OrdersRepository}: two run its leaking {@code count()}, one
 * leaks a connection of its own. Run by {@code io.connguard.it.scenarios.RunsTestsOfALeakingMethod}
 * in a child JVM, never by the build's own test runs (its name matches no test pattern).
 */
class OrdersRepositoryChecks {
    static final List<Connection> KEPT = new ArrayList<>();

    @Test
    void counts() throws Exception {
        assertEquals(2, new OrdersRepository().count());
    }

    @Test
    void countsAgain() throws Exception {
        assertEquals(2, new OrdersRepository().count());
    }

    @Test
    void keepsAConnectionOfItsOwn() throws Exception {
        KEPT.add(DriverManager.getConnection(OrdersRepository.URL));
    }
}
