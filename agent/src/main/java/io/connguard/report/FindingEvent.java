package io.connguard.report;

import io.connguard.runtime.Finding;
import io.connguard.runtime.ThreadInfo;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A finding as a JFR event, so it shows in JDK Mission Control beside the offending thread's
 * other events (the event's thread is the one the finding was made on). Emitted for every
 * occurrence, not only the first of a site: JFR's timeline is about when, the report about where.
 */
@Name("io.connguard.Finding")
@Label("JDBC Misuse")
@Category("connguard")
@Description("A JDBC resource used across threads, concurrently, closed on the wrong thread, leaked, borrowed twice "
        + "from one pool by one thread, closed with uncommitted writes, or used after it was closed")
final class FindingEvent extends Event {
    @Label("Kind")
    String kind;

    @Label("Detected By")
    @Description("How a leak was found: GC, OWNER_THREAD_ENDED, EXIT, PARENT_CLOSED, HELD_TOO_LONG")
    String detectedBy;

    @Label("Resource")
    String resource;

    @Label("Resource Class")
    String resourceClass;

    @Label("Resource Id")
    long resourceId;

    @Label("Owner Thread")
    String owner;

    @Label("Offending Thread")
    String actor;

    @Label("JDBC Method")
    String method;

    @Label("Pool")
    @Description("NESTED_ACQUIRE: the pool's class, and its name where it has one")
    String pool;

    @Label("Closed By")
    @Description("USE_AFTER_CLOSE: the thread that closed the resource")
    String closedBy;

    @Label("Site")
    @Description("The dedup key of the report: kind, resource and the application frames of its stacks")
    String site;

    @Label("First Frame")
    @Description("The first application frame of the offending call, else of the resource's creation")
    String firstFrame;

    /**
     * Costs one allocation and a flag check when no recording is running. No try/catch in here:
     * JFR rewrites this class when it loads it, and a handler here makes that rewrite fail (JDK 17
     * logs "Unexpected error when adding instrumentation" and the event is never recorded);
     * the caller's handler covers it.
     */
    static void emit(Finding f, SiteKey site) {
        FindingEvent e = new FindingEvent();
        if (!e.isEnabled()) return;
        e.kind = f.kind;
        e.detectedBy = f.detectedBy;
        e.resource = f.resource;
        e.resourceClass = f.resourceClass;
        e.resourceId = f.resourceId;
        e.owner = thread(f.owner);
        e.actor = thread(f.actor);
        e.method = f.method;
        e.pool = f.poolClass == null ? null : f.poolName == null ? f.poolClass : f.poolClass + " \"" + f.poolName + "\"";
        e.closedBy = thread(f.closedBy);
        e.site = site.text();
        e.firstFrame = firstFrame(f);
        e.commit();
    }

    private static String firstFrame(Finding f) {
        StackTraceElement first = FrameFormat.first(f.actedAt != null && f.actedAt.length > 0 ? f.actedAt : f.createdAt);
        return first == null ? null : FrameFormat.format(first);
    }

    private static String thread(ThreadInfo t) {
        return t == null ? null : t.name + " (#" + t.id + ")";
    }
}
