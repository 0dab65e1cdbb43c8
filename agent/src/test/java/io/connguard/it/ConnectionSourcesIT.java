package io.connguard.it;

import static io.connguard.contract.Kind.Names.CROSS_THREAD_USE;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.connguard.it.scenarios.DriverInIsolatedClassLoaders;
import io.connguard.it.scenarios.OpenedEveryWay;

/**
 * However a connection is obtained (DriverManager, Driver.connect, DataSource, PooledConnection) and
 * whichever class loader loaded the driver, misuse is found once and correct use is silent.
 */
@Execution(ExecutionMode.CONCURRENT)
class ConnectionSourcesIT {
    static final String SQLITE_PHYSICAL = "org.sqlite.jdbc4.JDBC4Connection";

    static List<Arguments> jdksAndWays() {
        List<Arguments> all = new ArrayList<>();
        for (Jdk jdk : Jdks.primary()) {
            for (String way : List.of("driver-manager", "driver-connect", "data-source", "pooled-connection")) {
                all.add(Arguments.of(jdk, way));
            }
        }
        return all;
    }

    /** Also used by {@link MysqlIT}: one CROSS_THREAD_USE per way, owned by main, used by "user-WAY". */
    static void assertEachWayFoundOnce(RunResult run, String way, String physicalClass) {
        run.assertCompleted();
        run.verify(() -> {
            FindingLine f = run.report().single("CROSS_THREAD_USE by user-" + way,
                            x -> CROSS_THREAD_USE.equals(x.kind()) && ("user-" + way).equals(x.actorName()))
                    .assertField("resource", "Connection")
                    .assertOwner("main")
                    .assertField("method", "createStatement")
                    .assertFirstFrameIn("createdAt", OpenedEveryWay.class)
                    .assertFirstFrameIn("actedAt", OpenedEveryWay.class);
            if (way.equals("pooled-connection")) {
                f.assertThat(!physicalClass.equals(f.resourceClass()),
                        "the logical connection from PooledConnection.getConnection must be the one reported, not the physical " + physicalClass);
            }
            if (run.report().findings().size() != 4) throw run.report().fail("expected one finding per way, four in all");
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdksAndWays")
    void crossThreadUseIsFoundHoweverTheConnectionWasOpened(Jdk jdk, String way) {
        assertEachWayFoundOnce(AgentRun.scenario(OpenedEveryWay.class).jdk(jdk).args("misuse").runOnce(), way, SQLITE_PHYSICAL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#primary")
    void correctUseIsSilentHoweverTheConnectionWasOpened(Jdk jdk) {
        RunResult run = AgentRun.scenario(OpenedEveryWay.class).jdk(jdk).args("correct").runOnce().assertCompleted();
        run.verify(() -> run.report().assertClean());
    }

    // --- class loaders ---

    static RunResult loaders(Jdk jdk, String mode) {
        RunResult run = AgentRun.scenario(DriverInIsolatedClassLoaders.class).jdk(jdk).args(mode).runOnce();
        run.verify(() -> {
            if (run.stdout().contains("LinkageError") || run.stderr().contains("LinkageError")) {
                throw new AssertionError("a LinkageError with the driver in its own class loader");
            }
        });
        return run.assertCompleted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#primary")
    void misuseOfADriverInIsolatedClassLoadersIsFound(Jdk jdk) {
        RunResult run = loaders(jdk, "misuse");
        run.verify(() -> {
            for (String loader : List.of("isolated", "child-first", "self-contained")) {
                run.report().single("CROSS_THREAD_USE by " + loader + "-user",
                                x -> CROSS_THREAD_USE.equals(x.kind()) && (loader + "-user").equals(x.actorName()))
                        .assertField("resource", "Connection")
                        .assertResourceClassStartsWith("org.sqlite.")
                        .assertOwner("main")
                        .assertFirstFrameIn("createdAt", DriverInIsolatedClassLoaders.class)
                        .assertFirstFrameIn("actedAt", DriverInIsolatedClassLoaders.class);
            }
            if (run.report().findings().size() != 3) throw run.report().fail("expected one finding per class loader");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#primary")
    void correctUseOfADriverInIsolatedClassLoadersIsSilent(Jdk jdk) {
        RunResult run = loaders(jdk, "correct");
        run.verify(() -> run.report().assertClean());
    }
}
