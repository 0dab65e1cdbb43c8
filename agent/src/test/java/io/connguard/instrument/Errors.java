package io.connguard.instrument;

import io.connguard.runtime.Finding;
import io.connguard.runtime.FindingSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the transformer reports it could not instrument, for a test to assert there is nothing. */
final class Errors implements FindingSink {
    final List<String> list = new CopyOnWriteArrayList<>();

    @Override
    public boolean finding(Finding finding) {
        return true;
    }

    @Override
    public void closedAfterReport(long resourceId, long heldMillis, StackTraceElement[] closedAt) {}

    @Override
    public void finished() {}

    @Override
    public void internalError(Throwable error) {
        list.add(String.valueOf(error) + " / " + error.getCause());
    }
}
