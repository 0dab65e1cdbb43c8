package org.apache.ibatis.connguardit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A library's own test suite, in the library's package (MyBatis's tests live in
 * {@code org.apache.ibatis}): each test leaks one connection through the library, one of them
 * inside a JUnit assertion. Run by {@code io.connguard.it.scenarios.RunsLibraryTests} in a child
 * JVM, never by the build's own test runs (its name matches no test pattern).
 */
class LeakingInLibraryPackage {
    static final List<Connection> KEPT = new ArrayList<>();

    @Test
    void opensThroughTheLibrary() throws Exception {
        KEPT.add(LibraryHelper.open());
    }

    @Test
    void opensInsideAnAssertion() {
        assertDoesNotThrow(() -> KEPT.add(LibraryHelper.open()));
    }
}
