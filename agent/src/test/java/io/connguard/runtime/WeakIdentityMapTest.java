package io.connguard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {

    /** A key whose equals and hashCode would throw: a JDBC object's own must never be called. */
    static final class Hostile {
        @Override
        public boolean equals(Object o) {
            throw new AssertionError("equals called");
        }

        @Override
        public int hashCode() {
            throw new AssertionError("hashCode called");
        }
    }

    @Test
    void valuesAreFoundByIdentityWithoutCallingTheKeysOwnMethods() {
        WeakIdentityMap<String> map = new WeakIdentityMap<>();
        Hostile a = new Hostile();
        Hostile b = new Hostile();
        map.put(a, "a");
        map.put(b, "b");
        assertEquals("a", map.get(a));
        assertEquals("b", map.get(b));
        assertNull(map.get(new Hostile()));
    }

    @Test
    void puttingNullForgetsTheKey() {
        WeakIdentityMap<String> map = new WeakIdentityMap<>();
        Object key = new Object();
        map.put(key, "v");
        map.put(key, null);
        assertNull(map.get(key));
    }
}
