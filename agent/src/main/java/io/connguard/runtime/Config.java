package io.connguard.runtime;

/** The options the runtime needs, set once by the installer before any JDBC class is instrumented. */
public final class Config {
    private Config() {}

    public static boolean strict;
    public static boolean stacksAll;
    public static int stackDepth = 32;
    /**
     * {@code handoff=allow}: frameworks that move work between threads in sequence (Vert.x worker
     * pools, Kotlin coroutines, Reactor) hand a connection on without sharing it at once.
     */
    public static boolean handoffAllowed;
    /** {@code HELD_TOO_LONG} threshold in nanoseconds, or -1 when off. */
    public static long leakThresholdNanos = -1;
    /**
     * Packages (and one class) of the pools connguard knows: the connections they keep are theirs.
     * Druid is all of {@code com.alibaba.druid}: its pool connects through its filter chain
     * ({@code com.alibaba.druid.filter}) and closes through {@code com.alibaba.druid.util}.
     */
    public static final String[] KNOWN_POOLS = {
        "com.zaxxer.hikari.", "org.apache.commons.dbcp2.", "org.apache.commons.dbcp.", "org.apache.commons.pool2.",
        "org.apache.commons.pool.", "org.apache.tomcat.jdbc.pool.", "org.apache.tomcat.dbcp.", "com.mchange.v2.c3p0.",
        "com.mchange.v2.resourcepool.", "io.agroal.", "org.vibur.dbcp.", "oracle.ucp.", "com.alibaba.druid.",
        "org.h2.jdbcx.JdbcConnectionPool", "org.apache.ibatis.datasource.pooled.", "org.mariadb.jdbc.pool.",
        "org.mariadb.jdbc.MariaDbPoolDataSource"};
    /** Prefixes of pool code: the known pools and the user's {@code pools=}. */
    public static String[] pools = KNOWN_POOLS;
    public static FindingSink sink;
    /**
     * The launcher's main thread (the one that ran premain). Its end is the application's end, so
     * what it still holds is reported at exit, never as {@code OWNER_THREAD_ENDED}.
     */
    public static long launcherThreadId = -1;
    /** Attached to a running JVM: JDBC classes loaded before have no state field of their own. */
    public static boolean attached;
}
