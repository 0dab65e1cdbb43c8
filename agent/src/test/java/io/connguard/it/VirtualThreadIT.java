package io.connguard.it;

import static io.connguard.contract.Kind.Names.CROSS_THREAD_USE;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.connguard.it.scenarios.VirtualThreadHandsConnectionToAnother;

/** Virtual threads are threads: owned, used and reported like platform threads, marked virtual. */
@Execution(ExecutionMode.CONCURRENT)
class VirtualThreadIT {

    static RunResult virtual(Jdk jdk, String mode) {
        Assumptions.assumeTrue(jdk.hasVirtualThreads(), () -> "virtual threads need JDK 21 or later; skipped on " + jdk);
        return AgentRun.scenario(VirtualThreadHandsConnectionToAnother.class).jdk(jdk).args(mode).runOnce().assertCompleted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void crossThreadUseBetweenVirtualThreadsIsReported(Jdk jdk) {
        RunResult run = virtual(jdk, "misuse");
        run.verify(() -> {
            FindingLine f = run.report().only(CROSS_THREAD_USE);
            f.assertField("resource", "Connection")
                    .assertOwner("vt-owner")
                    .assertActor("vt-user")
                    .assertField("method", "createStatement")
                    .assertThat(f.ownerVirtual(), "owner.virtual should be true")
                    .assertThat(f.actorVirtual(), "actor.virtual should be true")
                    .assertFirstFrameIn("createdAt", VirtualThreadHandsConnectionToAnother.class)
                    .assertFirstFrameIn("actedAt", VirtualThreadHandsConnectionToAnother.class);
            if (run.report().findings().size() != 1) throw run.report().fail("expected the one CROSS_THREAD_USE only");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void virtualThreadsWithTheirOwnConnectionsAreSilent(Jdk jdk) {
        RunResult run = virtual(jdk, "correct");
        run.verify(() -> run.report().assertClean());
    }
}
