package io.connguard.it;

import static io.connguard.contract.Kind.Names.CONCURRENT_USE;
import static io.connguard.contract.Kind.Names.CROSS_THREAD_USE;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.connguard.it.scenarios.OneConnectionSharedByTwoThreads;
import io.connguard.it.scenarios.OtherThreadInAndOutOfCalls;
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

    /** The other thread's stack is shown only if it was still inside its call after the stack was taken. */
    @Test
    void theOtherThreadsStackIsInsideItsCall() {
        RunResult run = AgentRun.scenario(OtherThreadInAndOutOfCalls.class).runOnce().assertCompleted();
        run.verify(() -> {
            // one shared connection is one grouped finding: its further places are use lines, each with its own other stack
            List<FindingLine> concurrent = run.report().places(CONCURRENT_USE).stream()
                .filter(f -> "main".equals(f.actorName())).collect(Collectors.toList());
            if (concurrent.isEmpty()) throw run.report().fail("main never met the sharer inside a call (a problem of the test)");
            for (FindingLine f : concurrent) {
                JsonNode other = f.json().path("otherActedAt");
                if (other.isMissingNode() || other.size() == 0) continue; // it had left: said so, no stack
                String top = other.get(0).asText();
                if (!top.contains("OtherThreadInAndOutOfCalls.lambda$main$")) {
                    throw run.report().fail("the sharer's stack is from after it left its call: " + top);
                }
            }
        });
    }
}
