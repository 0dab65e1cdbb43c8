package io.connguard.contract;

/**
 * The names of the fields of the JSON lines report's lines (see {@link LineType}), of the thread
 * objects in them ({@link #THREAD_NAME}, {@link #THREAD_ID}, {@link #THREAD_VIRTUAL}) and of the
 * summary's nested objects: one spelling for the agent that writes them and the {@code report}
 * command that reads them.
 */
public final class Field {
    public static final String TYPE = "type";
    /** UTC, millisecond precision ({@code 2026-11-25T10:00:01.123Z}). */
    public static final String TIME = "time";

    // start
    public static final String VERSION = "version";
    public static final String PID = "pid";
    public static final String JAVA = "java";
    public static final String OPTIONS = "options";

    // finding and use
    public static final String KIND = "kind";
    public static final String DETECTED_BY = "detectedBy";
    public static final String RESOURCE = "resource";
    public static final String RESOURCE_CLASS = "resourceClass";
    public static final String RESOURCE_ID = "resourceId";
    public static final String CONNECTION_ID = "connectionId";
    public static final String OWNER = "owner";
    public static final String ACTOR = "actor";
    public static final String METHOD = "method";
    public static final String CREATED_AT = "createdAt";
    public static final String CONNECTION_CREATED_AT = "connectionCreatedAt";
    public static final String OPENED_BY = "openedBy";
    public static final String OPENED_FOR = "openedFor";
    public static final String ACTED_AT = "actedAt";
    public static final String OTHER_ACTOR = "otherActor";
    public static final String OTHER_ACTED_AT = "otherActedAt";
    /** An object: {@link #POOL_CLASS} and {@link #POOL_NAME}. */
    public static final String POOL = "pool";
    public static final String POOL_CLASS = "class";
    public static final String POOL_NAME = "name";
    public static final String CLOSED_BY = "closedBy";
    public static final String CLOSED_AT = "closedAt";
    public static final String CLOSED_TIME = "closedTime";
    public static final String URL = "url";
    public static final String SQL = "sql";
    public static final String TEST = "test";
    public static final String CREATED_IN_TEST = "createdInTest";
    /** The site key; see {@link SiteKeyFormat}. */
    public static final String SITE = "site";
    /** Occurrences: of a site so far (finding, count), in all (summary), at a place (summary uses). */
    public static final String COUNT = "count";

    // a thread: owner, actor, otherActor, closedBy
    public static final String THREAD_NAME = "name";
    public static final String THREAD_ID = "id";
    public static final String THREAD_VIRTUAL = "virtual";

    // closedAfterReport
    public static final String HELD_MILLIS = "heldMillis";

    // internalError
    public static final String ERROR = "error";

    // summary
    public static final String FINDINGS = "findings";
    public static final String INTERNAL_ERRORS = "internalErrors";
    /** An object: kind name to count. */
    public static final String KINDS = "kinds";
    /** An array of sites: {@link #SITE}, {@link #KIND}, {@link #DETECTED_BY}, {@link #COUNT}, {@link #USES}. */
    public static final String SITES = "sites";
    /** A grouped site's places: {@link #METHOD}, {@link #RESOURCE}, {@link #ACTED_AT}, {@link #THREADS}, {@link #COUNT}. */
    public static final String USES = "uses";
    public static final String THREADS = "threads";
    public static final String USES_ELSEWHERE = "usesElsewhere";
    /** An object: {@link #FINDINGS} and {@link #PATTERNS}, each {@link #PATTERN} with its {@link #KINDS}. */
    public static final String IGNORED = "ignored";
    public static final String PATTERNS = "patterns";
    public static final String PATTERN = "pattern";

    private Field() {}
}
