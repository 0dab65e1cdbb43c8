package io.connguard.it;

import static io.connguard.contract.Kind.Names.LEAK;
import static io.connguard.contract.Kind.Names.WRONG_THREAD_CLOSE;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.connguard.it.scenarios.CloseByOwnerThenAgainElsewhere;
import io.connguard.it.scenarios.MainClosesConnectionUnderARunningQuery;
import io.connguard.it.scenarios.MainClosesWorkersConnection;

/** WRONG_THREAD_CLOSE: a resource closed by a thread other than its owner. */
@Execution(ExecutionMode.CONCURRENT)
class WrongThreadCloseIT {

    static RunResult mainClosesWorkersConnection(Jdk jdk) {
        return AgentRun.scenario(MainClosesWorkersConnection.class).jdk(jdk).runOnce().assertCompleted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void closeByAnotherThreadThanTheOwnerIsReported(Jdk jdk) {
        RunResult run = mainClosesWorkersConnection(jdk);
        run.verify(() -> run.report().only(WRONG_THREAD_CLOSE)
                .assertField("resource", "Connection")
                .assertOwner("opener")
                .assertActor("main")
                .assertField("method", "close")
                .assertFirstFrameIn("createdAt", MainClosesWorkersConnection.class)
                .assertFirstFrameIn("actedAt", MainClosesWorkersConnection.class));
    }

    /** The close is one finding, not also a CROSS_THREAD_USE (and not a leak of the statement it closes). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void wrongThreadCloseIsTheOnlyFinding(Jdk jdk) {
        RunResult run = mainClosesWorkersConnection(jdk);
        run.verify(() -> {
            if (run.report().findings().size() != 1) {
                throw run.report().fail("expected the WRONG_THREAD_CLOSE alone, got " + run.report().findings().size() + " findings");
            }
        });
    }

    /** The owner closes; another thread closing the already closed resource again is a JDBC no-op. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void ownerCloseAndRepeatedCloseElsewhereAreSilent(Jdk jdk) {
        RunResult run = AgentRun.scenario(CloseByOwnerThenAgainElsewhere.class).jdk(jdk).runOnce().assertCompleted();
        run.verify(() -> run.report().assertClean());
    }

    /**
     * Main closes the reader's connection while the reader is inside a query: that close is the
     * misuse; the reader's statement was cut off by it, not left open, so no leak is blamed on the reader.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mariadb", "postgresql"})
    void closingAnotherThreadsConnectionUnderItsQueryIsOneMisuseNotALeak(String server) {
        String url;
        if (server.equals("mariadb")) {
            Mysql.assumeReachable();
            url = Mysql.URL;
        } else {
            Postgres.assumeReachable();
            url = Postgres.URL;
        }
        RunResult run = AgentRun.scenario(MainClosesConnectionUnderARunningQuery.class).args(url).runOnce().assertCompleted();
        run.verify(() -> {
            run.report().only(WRONG_THREAD_CLOSE).assertOwner("reader").assertActor("main").assertField("resource", "Connection");
            if (!run.report().findings(LEAK).isEmpty()) throw run.report().fail("the reader's statement was cut off, not leaked");
        });
    }
}
