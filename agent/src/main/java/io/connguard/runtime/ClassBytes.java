package io.connguard.runtime;

/** What a class file holds, read from its bytes as the JVM hands them to the agent, before any parsing. */
public final class ClassBytes {
    private ClassBytes() {}

    /** Whether {@code classFile} holds {@code part} (a constant-pool entry, a descriptor) anywhere. */
    public static boolean holds(byte[] classFile, byte[] part) {
        outer:
        for (int i = 0, end = classFile.length - part.length; i <= end; i++) {
            for (int k = 0; k < part.length; k++) {
                if (classFile[i + k] != part[k]) continue outer;
            }
            return true;
        }
        return false;
    }
}
