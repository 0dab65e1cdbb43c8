package io.connguard.instrument;

import java.util.Set;

/**
 * Classes a mocking library generates. A mock of a JDBC type answers calls and holds no
 * connection: leaving it open, verifying it after its close ({@code verify(connection).close()}) or
 * sharing it between threads is no misuse, so such a class gets no hooks. Each library makes every
 * class it generates implement its own marker interface, by which it tells mocks from other
 * objects itself: Mockito's {@code MockAccess} (the mocks and spies it makes as subclasses, of
 * interfaces and of classes) and Spock's {@code ISpockMockObject} (its {@code Mock}, {@code Stub}
 * and {@code Spy}, which {@code MockUtil.isMock} tests for).
 */
final class TestDoubles {
    private static final Set<String> MARKERS = Set.of(
        "org/mockito/internal/creation/bytebuddy/access/MockAccess", // Mockito 5
        "org/mockito/internal/creation/bytebuddy/MockAccess", // Mockito 2 to 4
        "org/spockframework/mock/ISpockMockObject");

    private TestDoubles() {}

    /** Whether a class with these supertypes (internal names) is a mocking library's. */
    static boolean isMock(Set<String> supertypes) {
        for (String marker : MARKERS) {
            if (supertypes.contains(marker)) return true;
        }
        return false;
    }
}
