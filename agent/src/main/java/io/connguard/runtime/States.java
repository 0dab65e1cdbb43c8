package io.connguard.runtime;

/**
 * Where a JDBC object's resource is kept: in its own field, for classes instrumented as they
 * loaded; in a weak identity map for classes that were already loaded when the agent was attached
 * to a running JVM (a loaded class cannot get a new field).
 */
final class States {
    private static final WeakIdentityMap<Resource> LATE = new WeakIdentityMap<>();

    private States() {}

    static Resource get(Object jdbc) {
        return jdbc instanceof Tracked ? (Resource) ((Tracked) jdbc).connguard$resource() : LATE.get(jdbc);
    }

    static void set(Object jdbc, Resource r) {
        if (jdbc instanceof Tracked) ((Tracked) jdbc).connguard$resource(r);
        else if (Config.attached) LATE.put(jdbc, r);
    }
}
