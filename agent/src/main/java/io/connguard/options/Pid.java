package io.connguard.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/** This JVM's process id, for the report's name ({@code %p}) and its {@code start} line. */
public final class Pid {
    private static final long CURRENT = read();

    private Pid() {}

    public static long current() {
        return CURRENT;
    }

    /**
     * Read from {@code /proc/self} where the system has it (Linux); elsewhere from
     * {@code ProcessHandle}, whose first use starts the JDK's process machinery and its lambdas,
     * some 15 ms of a fresh JVM's start-up.
     */
    private static long read() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Paths.get("/proc/self")).toString());
        } catch (IOException | RuntimeException notThere) {
            return ProcessHandle.current().pid();
        }
    }
}
