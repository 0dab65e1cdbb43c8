package io.connguard.runtime;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values by the identity of weakly held keys. Never calls the keys' {@code equals} or
 * {@code hashCode}: a JDBC object's or a class loader's own may do I/O or throw. Thread-safe.
 */
public final class WeakIdentityMap<V> {
    private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();

    /** The value of this very object, or null. */
    public V get(Object key) {
        return map.isEmpty() ? null : map.get(new Lookup(key));
    }

    /** Keeps {@code value} for this object while it lives; null removes it. */
    public void put(Object key, V value) {
        for (Reference<?> r; (r = cleared.poll()) != null; ) map.remove(r);
        if (value == null) map.remove(new Lookup(key));
        else map.put(new Key(key, cleared), value);
    }

    /** Stored: weak, and equal to a {@link Lookup} or {@link Key} of the same object, while it lives. */
    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object key, ReferenceQueue<Object> queue) {
            super(key, queue);
            this.hash = System.identityHashCode(key);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) return true;
            Object mine = get();
            if (mine == null) return false;
            if (o instanceof Key) return ((Key) o).get() == mine;
            return o instanceof Lookup && ((Lookup) o).key == mine;
        }
    }

    /** Asked with: strong, short-lived. */
    private static final class Lookup {
        final Object key;

        Lookup(Object key) {
            this.key = key;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(key);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key ? ((Key) o).get() == key : o instanceof Lookup && ((Lookup) o).key == key;
        }
    }
}
