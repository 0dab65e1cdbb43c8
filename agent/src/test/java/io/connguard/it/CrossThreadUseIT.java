package io.connguard.it;

import static io.connguard.contract.Kind.Names.CROSS_THREAD_USE;
import static io.connguard.contract.Kind.Names.USE_AFTER_CLOSE;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.connguard.it.scenarios.AccessorsAloneOnAnotherThread;
import io.connguard.it.scenarios.CancelTimeoutAndAbortFromOtherThreads;
import io.connguard.it.scenarios.HandOffToAnotherThread;
import io.connguard.it.scenarios.ThreadConfinedConnections;

/** CROSS_THREAD_USE: a resource one thread obtained, called by another. */
@Execution(ExecutionMode.CONCURRENT)
class CrossThreadUseIT {

    static RunResult handOff(Jdk jdk) {
        return AgentRun.scenario(HandOffToAnotherThread.class).jdk(jdk).runOnce().assertCompleted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void crossThreadUseOfConnectionIsReported(Jdk jdk) {
        RunResult run = handOff(jdk);
        run.verify(() -> run.report().single("CROSS_THREAD_USE of a Connection",
                        f -> CROSS_THREAD_USE.equals(f.kind()) && "Connection".equals(f.resource()))
                .assertOwner("main")
                .assertActor("conn-borrower")
                .assertField("method", "createStatement")
                .assertResourceClassStartsWith("org.sqlite.")
                .assertFirstFrameIn("createdAt", HandOffToAnotherThread.class)
                .assertFirstFrameIn("actedAt", HandOffToAnotherThread.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void crossThreadUseOfPreparedStatementIsReported(Jdk jdk) {
        RunResult run = handOff(jdk);
        run.verify(() -> {
            FindingLine f = run.report().single("CROSS_THREAD_USE of a PreparedStatement",
                    x -> CROSS_THREAD_USE.equals(x.kind()) && "PreparedStatement".equals(x.resource()));
            f.assertOwner("main")
                    .assertActor("ps-borrower")
                    .assertField("method", "executeQuery")
                    .assertFirstFrameIn("createdAt", HandOffToAnotherThread.class)
                    .assertFirstFrameIn("actedAt", HandOffToAnotherThread.class)
                    .assertThat(f.sql() != null && f.sql().contains("SELECT name FROM items"), "sql should name the statement's text");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void crossThreadUseOfResultSetIsReported(Jdk jdk) {
        RunResult run = handOff(jdk);
        run.verify(() -> run.report().single("CROSS_THREAD_USE of a ResultSet",
                        f -> CROSS_THREAD_USE.equals(f.kind()) && "ResultSet".equals(f.resource()))
                .assertOwner("main")
                .assertActor("rs-borrower")
                .assertField("method", "next")
                .assertFirstFrameIn("createdAt", HandOffToAnotherThread.class)
                .assertFirstFrameIn("actedAt", HandOffToAnotherThread.class));
    }

    /**
     * A getter or setter is checked on entry only, without the exit the calls around it carry: a
     * thread that only reads another's row or sets its parameter is still found (two places of
     * one cross-thread site: the connection's), and so is a getter after the close; the owner's own
     * accessors stay silent.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void accessorsAloneAreCheckedForTheirThreadAndForClose(Jdk jdk) {
        RunResult run = AgentRun.scenario(AccessorsAloneOnAnotherThread.class).jdk(jdk).runOnce().assertCompleted();
        run.verify(() -> {
            run.report().place(CROSS_THREAD_USE, "the getter", f -> "getInt".equals(f.json().path("method").asText()))
                .assertActor("row-reader")
                .assertFirstFrameIn("actedAt", AccessorsAloneOnAnotherThread.class);
            run.report().place(CROSS_THREAD_USE, "the setter", f -> "setInt".equals(f.json().path("method").asText()))
                .assertActor("param-setter")
                .assertFirstFrameIn("actedAt", AccessorsAloneOnAnotherThread.class);
            run.report().single("USE_AFTER_CLOSE at the getter", f -> USE_AFTER_CLOSE.equals(f.kind()))
                .assertActor("main")
                .assertField("method", "getInt");
            if (run.report().places(CROSS_THREAD_USE).size() != 2 || run.report().findings().size() != 2) {
                throw run.report().fail("expected the two cross-thread places and the use after close, nothing else");
            }
        });
    }

    /** Three hand-offs, three findings: nothing about the borrowers' own statements, no second kind. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void eachHandOffIsOneFindingAndNothingElse(Jdk jdk) {
        RunResult run = handOff(jdk);
        run.verify(() -> {
            run.report().start();
            run.report().summary();
            if (run.report().findings().size() != 3) {
                throw run.report().fail("expected exactly the three CROSS_THREAD_USE findings, got " + run.report().findings().size());
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void threadConfinedConnectionsAreSilent(Jdk jdk) {
        RunResult run = AgentRun.scenario(ThreadConfinedConnections.class).jdk(jdk).runOnce().assertCompleted();
        run.verify(() -> run.report().assertClean());
    }

    /** Statement.cancel() from another thread, a query timeout that fires, Connection.abort from a watchdog. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void cancelTimeoutAndAbortFromOtherThreadsAreSilent(Jdk jdk) {
        RunResult run = AgentRun.scenario(CancelTimeoutAndAbortFromOtherThreads.class).jdk(jdk).runOnce().assertCompleted();
        run.verify(() -> run.report().assertClean());
    }
}
