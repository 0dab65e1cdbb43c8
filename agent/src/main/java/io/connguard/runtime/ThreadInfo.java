package io.connguard.runtime;

/** A thread as a finding names it: a snapshot, so that no report holds on to the {@link Thread}. */
public final class ThreadInfo {
    public final String name;
    public final long id;
    public final boolean virtual;

    public ThreadInfo(String name, long id, boolean virtual) {
        this.name = name;
        this.id = id;
        this.virtual = virtual;
    }

    @Override
    public String toString() {
        return "thread \"" + name + "\" (#" + id + (virtual ? ", virtual" : "") + ")";
    }
}
