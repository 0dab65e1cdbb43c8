package io.connguard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
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

    /**
     * The map never keeps a key alive, and forgets the value of a key that was collected: an attached
     * agent's map of JDBC objects does not grow with every connection the application dropped.
     */
    @Test
    void theEntryOfACollectedKeyIsDropped() {
        WeakIdentityMap<Object> map = new WeakIdentityMap<>();
        Hostile kept = new Hostile();
        map.put(kept, "kept");
        WeakReference<Object>[] dropped = putAndDrop(map);

        collect(dropped[0], "the key", () -> { });
        // the entries of collected keys are dropped as the map is written, once the JVM has queued their references
        collect(dropped[1], "the value of the collected key", () -> map.put(kept, "kept"));
        assertEquals("kept", map.get(kept));
    }

    /** Puts a new key with a new value; returns weak references to both, nothing else refers to the key. */
    @SuppressWarnings("unchecked")
    private static WeakReference<Object>[] putAndDrop(WeakIdentityMap<Object> map) {
        Object key = new Hostile();
        Object value = new Object();
        map.put(key, value);
        assertEquals(value, map.get(key));
        return new WeakReference[] {new WeakReference<>(key), new WeakReference<>(value)};
    }

    /** Runs {@code between} and asks for a collection until {@code ref} is cleared; fails if it never is. */
    private static void collect(WeakReference<?> ref, String what, Runnable between) {
        for (int i = 0; i < 100 && ref.get() != null; i++) {
            between.run();
            System.gc();
        }
        assertNull(ref.get(), what + " is still reachable after 100 collections");
    }
}
