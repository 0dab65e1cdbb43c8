package io.connguard.report;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code HELD_TOO_LONG} resources still open, by resource id: the site each was counted at (its
 * later close line names it), and which were shown in full (their close is worth a log line).
 * Bounded by the resources reported so, which the runtime reports once each.
 */
final class HeldTooLong {
    private final Map<Long, String> sites = new ConcurrentHashMap<>();
    private final Set<Long> shown = ConcurrentHashMap.newKeySet();

    /** The resource was reported at the site keyed {@code site}, shown or only counted. */
    void reported(long resourceId, String site) {
        sites.put(resourceId, site);
    }

    /** The resource's finding was the first of its site: shown in full. */
    void shown(long resourceId) {
        shown.add(resourceId);
    }

    /** The resource is closed: its site, or null when it was never reported. */
    String closedSite(long resourceId) {
        return sites.remove(resourceId);
    }

    /** The resource is closed: whether it had been shown in full. */
    boolean closedShown(long resourceId) {
        return shown.remove(resourceId);
    }
}
