package io.connguard.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One place a grouped site's connection was used from ({@code CROSS_THREAD_USE},
 * {@code CONCURRENT_USE}): the call, the first use's stack there, and over all reports how often
 * and by which threads.
 */
final class SiteUse {
    final String method;
    final String resource;
    final List<String> actedAt;
    /** Threads as the report writes them, {@code thread "pool-1-thread-1" (#22)}, in the order first seen. */
    final Set<String> threads = new LinkedHashSet<>();
    long count;

    SiteUse(String method, String resource, List<String> actedAt) {
        this.method = method;
        this.resource = resource;
        this.actedAt = actedAt;
    }
}
