package io.connguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The kinds list that the report command's {@code --fail-on} and the Maven plugin's {@code failOn} share. */
class GatedKindsTest {
    @Test
    void kindsAreNamedInAnyCaseSeparatedByCommasOrWhiteSpace() {
        GatedKinds kinds = GatedKinds.parse(" leak,\tCROSS_THREAD_USE  concurrent_use ");
        assertTrue(kinds.gates("LEAK") && kinds.gates("CROSS_THREAD_USE") && kinds.gates("CONCURRENT_USE"));
        assertFalse(kinds.gates("NESTED_ACQUIRE"));
        assertTrue(kinds.gatesAny());
        assertFalse(kinds.gatesEvery());
    }

    @Test
    void anyGatesEveryKindAlsoOneANewerAgentReports() {
        GatedKinds any = GatedKinds.parse("ANY");
        assertTrue(any.gates("LEAK") && any.gates("A_KIND_OF_TOMORROW"));
        assertTrue(any.gatesEvery());
    }

    @Test
    void noneGatesNothing() {
        GatedKinds none = GatedKinds.parse("none");
        assertFalse(none.gatesAny());
        assertFalse(none.gates("LEAK"));
    }

    @Test
    void anUnknownWordAnEmptyKindAndNoneWithKindsAreRefused() {
        assertEquals("unknown kind 'LEAKS'", refused("LEAK LEAKS"));
        for (String empty : new String[] {"", " ", ",", "LEAK,", ",LEAK", "LEAK,,CONCURRENT_USE"}) {
            assertEquals("an empty kind in '" + empty + "'", refused(empty));
        }
        assertEquals("'none' with other kinds in 'LEAK,none'", refused("LEAK,none"));
        assertTrue(GatedKinds.parse("LEAK , CONCURRENT_USE").gates("CONCURRENT_USE"));
        assertTrue(GatedKinds.valid().startsWith("CROSS_THREAD_USE, ") && GatedKinds.valid().endsWith(", any, none"), GatedKinds.valid());
    }

    private static String refused(String list) {
        return assertThrows(IllegalArgumentException.class, () -> GatedKinds.parse(list)).getMessage();
    }
}
