package io.connguard.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * An intrusive list of open resources: a thread's open connections, or a connection's open
 * statements. Linking costs no allocation, and the lock is one the owning thread almost always
 * takes alone. Taking a resource out is also how a detection claims it: a leak is reported by
 * whoever removed it, so no resource is reported twice.
 */
final class ResourceList<R extends Resource> {
    private R head;

    synchronized void add(R r) {
        r.prev = null;
        r.next = head;
        if (head != null) head.prev = r;
        head = r;
        r.linked = true;
    }

    @SuppressWarnings("unchecked") // only R is ever linked into this list
    synchronized boolean remove(R r) {
        if (!r.linked) return false;
        if (r.prev != null) r.prev.next = r.next;
        else head = (R) r.next;
        if (r.next != null) r.next.prev = r.prev;
        r.prev = r.next = null;
        r.linked = false;
        return true;
    }

    /** An open connection in this list borrowed from the given pool, other than {@code except}; null if none. */
    synchronized ConnectionResource borrowedFrom(Class<?> poolClass, int poolIdentity, Resource except) {
        for (Resource r = head; r != null; r = r.next) {
            ConnectionResource c = r.connection;
            if (r != except && c == r && c.poolClass == poolClass && c.poolIdentity == poolIdentity && !c.closed) return c;
        }
        return null;
    }

    synchronized boolean isEmpty() {
        return head == null;
    }

    @SuppressWarnings("unchecked") // only R is ever linked into this list
    synchronized List<R> snapshot() {
        List<R> all = new ArrayList<>();
        for (Resource r = head; r != null; r = r.next) all.add((R) r);
        return all;
    }

    synchronized List<R> removeAll() {
        List<R> all = snapshot();
        for (R r : all) {
            r.prev = r.next = null;
            r.linked = false;
        }
        head = null;
        return all;
    }
}
