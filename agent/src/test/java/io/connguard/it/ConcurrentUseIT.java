package io.connguard.it;

import static io.connguard.it.Kinds.CONCURRENT_USE;
import static io.connguard.it.Kinds.CROSS_THREAD_USE;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.connguard.it.scenarios.OneConnectionSharedByTwoThreads;
import io.connguard.it.scenarios.SequentialHandOffs;

/** CONCURRENT_USE: two threads inside one connection family's calls at the same time. */
@Execution(ExecutionMode.CONCURRENT)
class ConcurrentUseIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void concurrentUseOfOneConnectionIsReported(Jdk jdk) {
        RunResult run = AgentRun.scenario(OneConnectionSharedByTwoThreads.class).jdk(jdk).runOnce().assertCompleted();
        run.verify(() -> run.report().only(CONCURRENT_USE)
                .assertField("resource", "Connection")
                .assertOwner("slow-query")
                .assertActor("intruder")
                .assertOtherActor("slow-query")
                .assertField("method", "prepareStatement")
                .assertFirstFrameIn("createdAt", OneConnectionSharedByTwoThreads.class)
                .assertFirstFrameIn("actedAt", OneConnectionSharedByTwoThreads.class));
    }

    /** Hand-offs that never overlap are cross-thread use at most. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void sequentialHandOffsAreNeverConcurrent(Jdk jdk) {
        RunResult run = AgentRun.scenario(SequentialHandOffs.class).jdk(jdk).runOnce().assertCompleted();
        run.verify(() -> {
            Report report = run.report();
            report.summary();
            if (!report.findings(CONCURRENT_USE).isEmpty()) throw report.fail("sequential hand-offs were reported as CONCURRENT_USE");
            if (report.findings().size() != 1 || report.findings(CROSS_THREAD_USE).size() != 1) {
                throw report.fail("sequential hand-offs of one connection should give one CROSS_THREAD_USE finding");
            }
            report.place(CROSS_THREAD_USE, "the hand-off to first-user", f -> "first-user".equals(f.actorName())).assertOwner("main");
            report.place(CROSS_THREAD_USE, "the hand-off to second-user", f -> "second-user".equals(f.actorName())).assertOwner("main");
        });
    }
}
