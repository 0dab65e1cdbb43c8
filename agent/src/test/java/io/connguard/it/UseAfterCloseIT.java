package io.connguard.it;

import static io.connguard.contract.Kind.Names.USE_AFTER_CLOSE;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.connguard.it.scenarios.eco.ClosedUses;

/**
 * Use after close (scenario {@link ClosedUses}): a result set read after the try-with-resources that
 * made it closed its statement and connection, and a connection used after its close; on the four
 * drivers and behind HikariCP, DBCP2 and c3p0. The driver or the pool throws its own error, which the
 * application gets unchanged; the finding says who closed it, and a column read by label is one use,
 * whatever the driver calls inside it. Closing twice, {@code isClosed}, {@code isValid},
 * {@code unwrap}, {@code isWrapperFor}, a metadata
 * result set read while another is open, and objects a statement cache or a pool hands out again are
 * silent.
 */
@Execution(ExecutionMode.CONCURRENT)
class UseAfterCloseIT {
    static List<JdbcSource> sources() {
        return List.of(JdbcSource.SQLITE, JdbcSource.MARIADB, JdbcSource.POSTGRESQL, JdbcSource.H2,
                JdbcSource.HIKARI_H2, JdbcSource.DBCP2_H2, JdbcSource.C3P0_POSTGRESQL);
    }

    static AgentRun scenario(JdbcSource s, String mode) {
        return AgentRun.scenario(ClosedUses.class).args(s.source, s.database("closed"), mode);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void resultSetReadAfterItsStatementClosedIsFoundWithWhoClosedIt(JdbcSource s) {
        RunResult run = scenario(s, "misuse").runOnce().assertCompleted();
        run.verify(() -> {
            FindingLine f = run.report().single("USE_AFTER_CLOSE of the result set",
                    l -> USE_AFTER_CLOSE.equals(l.kind()) && "ResultSet".equals(l.resource()))
                    .assertOwner("main")
                    .assertActor("main")
                    .assertField("method", "next")
                    .assertFirstFrameIn("actedAt", ClosedUses.class);
            f.assertThat("main".equals(f.json().path("closedBy").path("name").asText()), "closedBy is main: " + f.json().path("closedBy"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void connectionUsedAfterItsCloseIsFoundWithWhenItWasClosed(JdbcSource s) {
        RunResult run = scenario(s, "misuse").runOnce().assertCompleted();
        run.verify(() -> {
            FindingLine f = run.report().single("USE_AFTER_CLOSE of the connection",
                    l -> USE_AFTER_CLOSE.equals(l.kind()) && "Connection".equals(l.resource()))
                    .assertField("method", "createStatement")
                    .assertFirstFrameIn("createdAt", ClosedUses.class)
                    .assertFirstFrameIn("actedAt", ClosedUses.class);
            f.assertThat("main".equals(f.json().path("closedBy").path("name").asText()), "closedBy is main");
            f.assertThat(f.json().path("closedTime").asText("").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), "closedTime is an instant");
            if (run.report().findings().size() != 2) throw run.report().fail("expected the two uses after close and nothing else");
        });
    }

    /**
     * A result set read after its statement ran again, which closed it: the driver throws, and the
     * finding says so. sqlite-jdbc hands the same result set out again, open, so there is nothing to find.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void resultSetReadAfterItsStatementRanAgainIsFound(JdbcSource s) {
        RunResult run = scenario(s, "reexecuted").runOnce().assertCompleted();
        run.verify(() -> {
            if (s == JdbcSource.SQLITE) {
                run.report().assertClean();
                return;
            }
            run.report().only(USE_AFTER_CLOSE)
                    .assertField("resource", "ResultSet")
                    .assertField("method", "next")
                    .assertActor("main")
                    .assertFirstFrameIn("actedAt", ClosedUses.class);
        });
    }

    /**
     * Result sets released without being their statement's or connection's latest: two metadata
     * results read after their connection closed, and a result set read after its statement ran
     * another {@code execute}. Three uses after close, whatever the driver makes of them.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void resultSetsReleasedByTheirStatementOrConnectionAreFound(JdbcSource s) {
        RunResult run = scenario(s, "released").runOnce().assertCompleted();
        run.verify(() -> {
            for (FindingLine f : run.report().findings(USE_AFTER_CLOSE)) {
                f.assertField("resource", "ResultSet").assertField("method", "next").assertFirstFrameIn("actedAt", ClosedUses.class);
            }
            long uses = run.report().totalCount(USE_AFTER_CLOSE, null);
            if (uses != 3) throw run.report().fail("expected three uses after close, counted " + uses);
        });
    }

    /**
     * sqlite-jdbc keeps generated keys open across the statement's next query: reading them is
     * silent. Asking a closed statement for its keys is the one use after close; reading what it
     * answered is part of that mistake, not another.
     */
    @Test
    void generatedKeysAfterTheNextQueryAreSilentAndAfterTheCloseOneUse() {
        RunResult run = scenario(JdbcSource.SQLITE, "keys").runOnce().assertCompleted();
        run.verify(() -> {
            if (!run.stdout().contains("key after the next query: true")) throw new AssertionError("sqlite-jdbc did not keep its keys open");
            run.report().only(USE_AFTER_CLOSE).assertField("resource", "Statement").assertField("method", "getGeneratedKeys");
        });
    }

    /** A result set read after {@code getMoreResults()} closed it: found, and the second result read meanwhile is silent. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("multipleResultSources")
    void resultSetReadAfterTheNextResultIsFound(JdbcSource s) {
        RunResult run = scenario(s, "moreresults").runOnce().assertCompleted();
        run.verify(() -> {
            if (!run.stdout().contains("second: item 2")) throw new AssertionError("the scenario did not read its second result");
            run.report().only(USE_AFTER_CLOSE)
                    .assertField("resource", "ResultSet")
                    .assertField("method", "next")
                    .assertFirstFrameIn("actedAt", ClosedUses.class);
        });
    }

    /** Sources whose driver runs two queries in one {@code execute} without a URL option: pgjdbc. */
    static List<JdbcSource> multipleResultSources() {
        return List.of(JdbcSource.POSTGRESQL, JdbcSource.C3P0_POSTGRESQL);
    }

    /**
     * A column read by its label on a closed result set is one use per read, at the application's
     * line: the driver's own calls inside the accessor ({@code findColumn}) are not uses of their own.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void columnReadByLabelAfterCloseIsOneUsePerRead(JdbcSource s) {
        RunResult run = scenario(s, "accessor").runOnce().assertCompleted();
        run.verify(() -> {
            run.report().only(USE_AFTER_CLOSE)
                    .assertField("resource", "ResultSet")
                    .assertField("method", "getString")
                    .assertFirstFrameIn("actedAt", ClosedUses.class);
            long reads = run.report().totalCount(USE_AFTER_CLOSE, null);
            if (reads != 2) throw run.report().fail("expected the two reads counted once each, counted " + reads);
        });
    }

    /** The driver's or the pool's own "closed" error reaches the application as it would without the agent. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void theApplicationGetsTheDriversOwnErrorUnchanged(JdbcSource s) {
        RunResult with = scenario(s, "misuse").runOnce().assertCompleted();
        RunResult without = scenario(s, "misuse").withoutAgent().runOnce();
        Unchanged.assertSameStdoutAndExit(with, without);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void closeTwiceIsClosedAndObjectsHandedOutAgainAreSilent(JdbcSource s) {
        RunResult run = scenario(s, "correct").runOnce().assertCompleted();
        run.verify(() -> {
            for (String line : List.of("closed: true true", "read again: item 3", "metadata read inside metadata: 2 types",
                    "connection closed: true, valid: false", "borrowed again: item 1")) {
                if (!run.stdout().contains(line)) throw new AssertionError("the scenario did not print \"" + line + "\"");
            }
            run.report().assertClean();
        });
    }

    /** With {@code stacks=all} every close keeps its stack: the finding says where the result set was closed. */
    @Test
    void withStacksAllTheFindingSaysWhereItWasClosed() {
        RunResult run = scenario(JdbcSource.H2, "misuse").option("stacks", "all").runOnce().assertCompleted();
        run.verify(() -> {
            FindingLine f = run.report().single("USE_AFTER_CLOSE of the result set",
                    l -> USE_AFTER_CLOSE.equals(l.kind()) && "ResultSet".equals(l.resource()))
                    .assertFirstFrameIn("closedAt", ClosedUses.class);
            f.assertThat(f.json().path("closedAt").get(0).asText().startsWith(ClosedUses.class.getName() + ".findName("),
                    "closed in findName's try-with-resources: " + f.json().path("closedAt"));
        });
    }

    /** In strict mode the call does not happen: the application gets connguard's exception, which says who closed it. */
    @Test
    void strictModeThrowsAtTheUseAfterClose() {
        RunResult run = scenario(JdbcSource.H2, "misuse").option("mode", "strict").runOnce().assertCompleted();
        run.verify(() -> {
            if (!run.stdout().contains("read after close threw java.sql.SQLException\n")
                    || !run.stdout().contains("statement after close threw java.sql.SQLException\n")) {
                throw new AssertionError("expected connguard's SQLException at both uses after close");
            }
            run.report().single("USE_AFTER_CLOSE of the connection", l -> USE_AFTER_CLOSE.equals(l.kind()) && "Connection".equals(l.resource()));
        });
    }
}
