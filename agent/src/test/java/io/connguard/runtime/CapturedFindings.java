package io.connguard.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The runtime's sink for one test: keeps what the runtime reports. {@link #close} reports into
 * nothing whatever the test left open and puts the sink and the launcher thread back as they were,
 * so that the next test starts with no open resource.
 */
final class CapturedFindings implements FindingSink, AutoCloseable {
    private final FindingSink sinkBefore = Config.sink;
    private final long launcherBefore = Config.launcherThreadId;
    private final List<Finding> findings = new CopyOnWriteArrayList<>();
    private final List<Throwable> internalErrors = new CopyOnWriteArrayList<>();

    private CapturedFindings() {}

    static CapturedFindings install() {
        CapturedFindings captured = new CapturedFindings();
        Config.sink = captured;
        return captured;
    }

    /** Each finding as {@code KIND[/DETECTED_BY] RESOURCE of OWNER[ by ACTOR]}, in the order reported. */
    List<String> described() {
        return findings.stream().map(CapturedFindings::describe).collect(Collectors.toList());
    }

    List<Finding> findings() {
        return findings;
    }

    List<Throwable> internalErrors() {
        return internalErrors;
    }

    static String describe(Finding f) {
        return f.kind + (f.detectedBy == null ? "" : "/" + f.detectedBy) + " " + f.resource + " of " + f.owner.name
            + (f.actor == null ? "" : " by " + f.actor.name);
    }

    @Override
    public boolean finding(Finding finding) {
        findings.add(finding);
        return true;
    }

    @Override
    public void closedAfterReport(long resourceId, long heldMillis, StackTraceElement[] closedAt) {
        // not a finding; no test here asks for it
    }

    @Override
    public void finished() {
    }

    @Override
    public void internalError(Throwable error) {
        internalErrors.add(error);
    }

    @Override
    public void close() {
        Config.sink = null;
        OpenResources.reportAtExit();
        Config.sink = sinkBefore;
        Config.launcherThreadId = launcherBefore;
    }
}
