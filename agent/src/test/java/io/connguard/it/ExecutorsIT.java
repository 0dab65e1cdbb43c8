package io.connguard.it;

import static io.connguard.contract.Kind.Names.CROSS_THREAD_USE;
import static io.connguard.contract.Kind.Names.WRONG_THREAD_CLOSE;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.connguard.it.scenarios.eco.PlainJdbcInTasks;

/**
 * Plain JDBC in executors and CompletableFutures (scenario {@link PlainJdbcInTasks}): confined to its
 * task, a connection is silent whichever pool thread runs the task; handed from one stage to the next
 * on another thread, it is found. On every JDK under test (the common pool and executors differ).
 */
@Execution(ExecutionMode.CONCURRENT)
class ExecutorsIT {
    static final String H2_CONNECTION = "org.h2.jdbc.JdbcConnection";

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void connectionsConfinedToTheirTasksAndMetadataClosedAreSilent(Jdk jdk) {
        RunResult run = AgentRun.scenario(PlainJdbcInTasks.class).args("correct").jdk(jdk).runOnce().assertCompleted();
        run.verify(() -> {
            if (!run.stdout().contains("metadata in a task: [table, column ID, column NAME, key ID]")) {
                throw new AssertionError("the metadata result sets were not read (a problem of the scenario)");
            }
            run.report().assertClean();
        });
    }

    static RunResult misused(Jdk jdk) {
        return AgentRun.scenario(PlainJdbcInTasks.class).args("misuse").jdk(jdk).runOnce().assertCompleted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void connectionHandedToTheNextStageOnAnotherThreadIsCrossThreadUse(Jdk jdk) {
        RunResult run = misused(jdk);
        run.verify(() -> run.report().only(CROSS_THREAD_USE)
                .assertField("resource", "Connection")
                .assertField("resourceClass", H2_CONNECTION)
                .assertOwner("stage1-1")
                .assertActor("stage2-1")
                .assertField("method", "createStatement")
                .assertFirstFrameIn("createdAt", PlainJdbcInTasks.class)
                .assertFirstFrameIn("actedAt", PlainJdbcInTasks.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void theNextStageClosingItIsAWrongThreadClose(Jdk jdk) {
        RunResult run = misused(jdk);
        run.verify(() -> {
            run.report().only(WRONG_THREAD_CLOSE)
                    .assertField("resource", "Connection")
                    .assertField("resourceClass", H2_CONNECTION)
                    .assertOwner("stage1-1")
                    .assertActor("stage2-1")
                    .assertField("method", "close")
                    .assertFirstFrameIn("createdAt", PlainJdbcInTasks.class)
                    .assertFirstFrameIn("actedAt", PlainJdbcInTasks.class);
            if (run.report().findings().size() != 2) throw run.report().fail("expected exactly the CROSS_THREAD_USE and the WRONG_THREAD_CLOSE");
        });
    }
}
