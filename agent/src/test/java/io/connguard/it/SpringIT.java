package io.connguard.it;

import static io.connguard.contract.Kind.Names.CROSS_THREAD_USE;
import static io.connguard.contract.LeakCause.Names.EXIT;
import static io.connguard.contract.Kind.Names.LEAK;
import static io.connguard.contract.Kind.Names.TRANSACTION_LEFT_OPEN;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.connguard.it.scenarios.eco.SpringJdbc;

/**
 * Spring's JdbcTemplate and transactions over HikariCP (scenario {@link SpringJdbc}): the
 * connection a transaction manager binds to the thread is used by that thread only, which is silent;
 * handed to another thread it is found, and the stacks skip Spring's frames down to the application.
 */
@Execution(ExecutionMode.CONCURRENT)
class SpringIT {
    static final String HIKARI_PROXY = "com.zaxxer.hikari.pool.HikariProxyConnection";

    static RunResult correct() {
        return AgentRun.scenario(SpringJdbc.class).args("correct").runOnce().assertCompleted();
    }

    static RunResult misused() {
        return AgentRun.scenario(SpringJdbc.class).args("misuse").runOnce().assertCompleted();
    }

    @Test
    void jdbcTemplateTransactionTemplateAndMetadataUsedRightAreSilent() {
        RunResult run = correct();
        run.verify(() -> {
            for (String expected : new String[] {"updated by the web threads: 30", "rows seen inside the transaction: 1",
                    "after the rollback: item 2!", "through the transaction-aware proxy: [aware, item 7!]",
                    "committed by tx-worker: [worker, batch, batch]",
                    "metadata: [table ITEMS, column ID, column NAME]"}) {
                if (!run.stdout().contains(expected)) throw new AssertionError("the scenario did not print \"" + expected + "\"");
            }
            run.report().assertClean();
        });
    }

    @Test
    void transactionsConnectionHandedToAnotherThreadIsCrossThreadUse() {
        RunResult run = misused();
        run.verify(() -> run.report().only(CROSS_THREAD_USE)
                .assertField("resource", "Connection")
                .assertField("resourceClass", HIKARI_PROXY)
                .assertOwner("main")
                .assertActor("tx-helper")
                .assertField("method", "prepareStatement")
                .assertField("openedBy", "org.springframework.jdbc.datasource.DataSourceTransactionManager.doBegin")
                .assertField("openedFor", SpringJdbc.class.getName() + ".main")
                .assertFirstFrameIn("createdAt", SpringJdbc.class)
                .assertFirstFrameIn("actedAt", SpringJdbc.class));
    }

    @Test
    void connectionFromDataSourceUtilsNeverReleasedIsALeakAtExit() {
        RunResult run = misused();
        run.verify(() -> {
            run.report().only(LEAK, EXIT)
                    .assertField("resource", "Connection")
                    .assertField("resourceClass", HIKARI_PROXY)
                    .assertOwner("main")
                    .assertFirstFrameIn("createdAt", SpringJdbc.class)
                    .assertThat(run.stderr().contains("taken by org.springframework.jdbc.datasource.DataSourceUtils."),
                            "the log says Spring took the connection for the application");
            if (run.report().findings().size() != 2) throw run.report().fail("expected exactly the CROSS_THREAD_USE and the EXIT leak");
        });
    }

    /**
     * A transaction-aware proxy's connection closed inside Spring's transaction only lets go of the
     * transaction's connection, which Spring commits (the correct run is silent); outside one, its
     * close hands the connection back to the pool, and a write left open there is lost and found.
     */
    @Test
    void aTransactionAwareConnectionClosedOutsideATransactionLeavesItsWriteOpen() {
        RunResult run = AgentRun.scenario(SpringJdbc.class).args("aware-left-open").runOnce().assertCompleted();
        run.verify(() -> {
            if (!run.stdout().contains("after the close: item 8")) throw new AssertionError("the pool was to roll the update back");
            run.report().only(TRANSACTION_LEFT_OPEN).assertFirstFrameIn("actedAt", SpringJdbc.class);
        });
    }

    /** A library's own usage (JdbcTemplate queries, updates, transactions, metadata) prints the same. */
    @Test
    void springWorkloadPrintsAndExitsTheSameWithAndWithoutTheAgent() {
        RunResult without = AgentRun.scenario(SpringJdbc.class).args("correct").withoutAgent().runOnce();
        Unchanged.assertSameStdoutAndExit(correct(), without);
        Unchanged.assertOnlyConnguardsLinesAdded(correct(), without);
    }
}
