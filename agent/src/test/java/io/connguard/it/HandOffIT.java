package io.connguard.it;

import static io.connguard.contract.Kind.Names.CONCURRENT_USE;
import static io.connguard.contract.Kind.Names.CROSS_THREAD_USE;
import static io.connguard.contract.Kind.Names.LEAK;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.connguard.it.scenarios.HandOffsThroughAnExecutor;
import io.connguard.it.scenarios.OneConnectionSharedByTwoThreads;
import io.connguard.it.scenarios.OpenedByAThreadThatEnded;

/**
 * {@code handoff=allow}: a use by another thread while no thread is inside a call of the family
 * moves ownership silently; overlapping uses and leaks are still found.
 */
@Execution(ExecutionMode.CONCURRENT)
class HandOffIT {
    static RunResult handOffs(String mode, boolean allow) {
        AgentRun run = AgentRun.scenario(HandOffsThroughAnExecutor.class).args(mode);
        return (allow ? run.option("handoff", "allow") : run).runOnce().assertCompleted();
    }

    @Test
    void sequentialHandOffsThroughAnExecutorAreSilentWithHandoffAllow() {
        RunResult run = handOffs("close", true);
        run.verify(() -> run.report().assertClean());
    }

    @Test
    void theSameHandOffsAreCrossThreadUseByDefault() {
        RunResult run = handOffs("close", false);
        run.verify(() -> {
            Report report = run.report();
            if (report.findings(CROSS_THREAD_USE).isEmpty()) throw report.fail("the hand-offs were not reported without handoff=allow");
            if (!report.findings(CONCURRENT_USE).isEmpty()) throw report.fail("sequential hand-offs reported as CONCURRENT_USE");
        });
    }

    /** The last stage took the connection over: its thread is the owner that leaves it open. */
    @Test
    void aConnectionHandedOnAndNeverClosedIsStillALeakOfItsLastOwner() {
        RunResult run = handOffs("leak", true);
        run.verify(() -> {
            Report report = run.report();
            if (report.findings().size() != report.findings(LEAK).size()) throw report.fail("only the leak expected");
            FindingLine f = report.single("the leaked connection", l -> "Connection".equals(l.resource()))
                    .assertFirstFrameIn("createdAt", HandOffsThroughAnExecutor.class);
            f.assertThat(f.ownerName().startsWith("stage-"), "owner " + f.ownerName() + ", expected the last stage's thread");
        });
    }

    /** A thread that opened a connection and ended handed it on: the thread that takes it up later, however much later, closes it. */
    @Test
    void aConnectionTakenUpAfterItsOwnerEndedIsNoLeak() {
        RunResult allowed = AgentRun.scenario(OpenedByAThreadThatEnded.class).option("handoff", "allow").runOnce().assertCompleted();
        allowed.verify(() -> allowed.report().assertClean());
        RunResult reported = AgentRun.scenario(OpenedByAThreadThatEnded.class).runOnce().assertCompleted();
        reported.verify(() -> {
            Report report = reported.report();
            if (!report.findings(LEAK).isEmpty()) throw report.fail("a connection another thread took up and closed was reported as a leak");
            if (report.findings(CROSS_THREAD_USE).isEmpty()) throw report.fail("main's use of the opener's connection was not reported");
        });
    }

    @Test
    void overlappingUseIsStillConcurrentUseWithHandoffAllow() {
        RunResult run = AgentRun.scenario(OneConnectionSharedByTwoThreads.class).option("handoff", "allow").runOnce().assertCompleted();
        run.verify(() -> run.report().only(CONCURRENT_USE)
                .assertOwner("slow-query")
                .assertActor("intruder")
                .assertOtherActor("slow-query")
                .assertField("method", "prepareStatement"));
    }
}
