package io.connguard.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * An intrusive list of open resources: a thread's open connections, or a connection's open
 * statements. Linking costs no allocation, and the lock is one the owning thread almost always
 * takes alone. Taking a resource out is also how a detection claims it: a leak is reported by
 * whoever removed it, so no resource is reported twice.
 */
final class ResourceList {
    private Resource head;

    synchronized void add(Resource r) {
        r.prev = null;
        r.next = head;
        if (head != null) head.prev = r;
        head = r;
        r.linked = true;
    }

    synchronized boolean remove(Resource r) {
        if (!r.linked) return false;
        if (r.prev != null) r.prev.next = r.next;
        else head = r.next;
        if (r.next != null) r.next.prev = r.prev;
        r.prev = r.next = null;
        r.linked = false;
        return true;
    }

    /** An open connection in this list borrowed from the given pool, other than {@code except}; null if none. */
    synchronized Resource borrowedFrom(Class<?> poolClass, int poolIdentity, Resource except) {
        for (Resource r = head; r != null; r = r.next) {
            if (r != except && r.poolClass == poolClass && r.poolIdentity == poolIdentity && !r.closed) return r;
        }
        return null;
    }

    synchronized boolean isEmpty() {
        return head == null;
    }

    synchronized List<Resource> snapshot() {
        List<Resource> all = new ArrayList<>();
        for (Resource r = head; r != null; r = r.next) all.add(r);
        return all;
    }

    synchronized List<Resource> removeAll() {
        List<Resource> all = snapshot();
        for (Resource r : all) {
            r.prev = r.next = null;
            r.linked = false;
        }
        head = null;
        return all;
    }
}
