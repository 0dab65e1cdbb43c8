package io.connguard.it;

import static io.connguard.contract.Kind.Names.CROSS_THREAD_USE;
import static io.connguard.contract.Kind.Names.LEAK;
import static io.connguard.contract.Kind.Names.NESTED_ACQUIRE;
import static io.connguard.contract.Kind.Names.USE_AFTER_CLOSE;
import static io.connguard.contract.LeakCause.Names.OWNER_THREAD_ENDED;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.connguard.it.scenarios.ConnectionLentAgainInsideItsClose;
import io.connguard.it.scenarios.eco.MariaDbPool;

/**
 * MariaDB Connector/J's own pool (scenario {@link MariaDbPool}, on the local server), through
 * {@code MariaDbPoolDataSource} and through {@code DriverManager} with {@code pool=true}, with the
 * agent's defaults: it lends the driver's physical connection itself, its checker thread closes
 * idle connections, and a connection being given back inside its {@code close()} is lent on
 * before that close returns. Used right: silent; a connection handed to another thread, a second
 * borrow while holding one (through the data source: through {@code DriverManager} the pool is
 * the driver's, which connguard does not tell from another), and one never returned: found, each once.
 */
@Execution(ExecutionMode.CONCURRENT)
class MariaDbPoolIT {
    static final String URL = System.getProperty("connguard.it.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/test?user=root");
    private static final LocalServer SERVER = new LocalServer("MariaDB", URL, "&connectTimeout=3000", "");
    static final String PHYSICAL = "org.mariadb.jdbc.Connection";

    /** {@link #URL}, the server reachable (else the test is skipped, and fails on CI). */
    static String reachableUrl() {
        SERVER.assumeReachable();
        return URL;
    }

    static RunResult run(String source, String mode) {
        SERVER.assumeReachable();
        return AgentRun.scenario(MariaDbPool.class).args(URL, source, mode).runOnce().assertCompleted();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"datasource", "drivermanager"})
    void borrowingAndReturningOnFourThreadsWithThePoolsCheckerAtWorkIsSilent(String source) {
        RunResult run = run(source, "correct");
        run.verify(() -> {
            if (!run.stdout().contains("the pool lent several connections: true")
                    || !run.stdout().contains("the pool closed idle connections: true")) {
                throw new AssertionError("the pool did not grow, or its checker closed no idle connection "
                        + "(a problem of the scenario, not of the agent)");
            }
            run.report().assertClean();
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"datasource", "drivermanager"})
    void eachMisuseIsFoundOnceAtItsLineAndThread(String source) {
        RunResult run = run(source, "misuse");
        run.verify(() -> {
            Report report = run.report();
            FindingLine cross = report.only(CROSS_THREAD_USE).assertField("resource", "Connection")
                    .assertField("resourceClass", PHYSICAL).assertOwner("main").assertActor("worker")
                    .assertField("method", "prepareStatement")
                    .assertFirstFrameIn("createdAt", MariaDbPool.class).assertFirstFrameIn("actedAt", MariaDbPool.class);
            cross.assertThat(cross.createdAt().stream().anyMatch(f -> f.startsWith(MariaDbPool.class.getName() + ".handedOn(")),
                    "the connection was borrowed in handedOn: " + cross.createdAt());
            cross.assertThat(cross.actedAt().get(0).startsWith(MariaDbPool.class.getName() + ".query("), "used in query: " + cross.actedAt());

            if (source.equals("datasource")) {
                FindingLine nested = report.only(NESTED_ACQUIRE).assertOwner("main").assertActor("main")
                        .assertField("method", "getConnection").assertField("resourceClass", PHYSICAL)
                        .assertFirstFrameIn("createdAt", MariaDbPool.class).assertFirstFrameIn("actedAt", MariaDbPool.class);
                nested.assertThat(nested.createdAt().stream().anyMatch(f -> f.startsWith(MariaDbPool.class.getName() + ".unitOfWork(")),
                        "the held connection's borrow is in unitOfWork: " + nested.createdAt());
                nested.assertThat(nested.actedAt().stream().anyMatch(f -> f.startsWith(MariaDbPool.class.getName() + ".audit(")),
                        "the second borrow is the audit's: " + nested.actedAt());
                String poolClass = "org.mariadb.jdbc.MariaDbPoolDataSource";
                nested.assertThat(poolClass.equals(nested.json().path("pool").path("class").asText()),
                        "pool.class is " + nested.json().path("pool") + ", expected " + poolClass);
            }

            FindingLine leak = report.only(LEAK, OWNER_THREAD_ENDED).assertOwner("leaker").assertField("resourceClass", PHYSICAL)
                    .assertFirstFrameIn("createdAt", MariaDbPool.class);
            leak.assertThat(leak.createdAt().stream().anyMatch(f -> f.startsWith(MariaDbPool.class.getName() + ".leaked(")),
                    "borrowed in leaked: " + leak.createdAt());
            // through DriverManager the pool is the driver's, which connguard cannot tell from another (README, Limits)
            int expected = source.equals("datasource") ? 3 : 2;
            if (report.findings().size() != expected) throw report.fail("expected the misuses alone, " + expected + " of them");
        });
    }

    /**
     * A pool that lends one connection object, lent again while the thread that gave it back is
     * still inside its {@code close()} (scenario {@link ConnectionLentAgainInsideItsClose}, over H2,
     * made to happen every time), named with {@code pools=}: the close ended the old life, the
     * borrower's is new. Silent.
     */
    @Test
    void aConnectionLentAgainWhileItsCloseRunsIsTheBorrowersAndSilent() {
        RunResult run = lentAgainInsideItsClose(true);
        run.verify(() -> run.report().assertClean());
    }

    /**
     * The same program with its pool not named: to connguard a data source handed out an object
     * another thread is still closing, which both then use: the borrower's calls are on the
     * returner's connection, and after that close, a use after close.
     */
    @Test
    void anObjectAnotherThreadIsClosingHandedOutByAnyDataSourceIsTheirsToShare() {
        RunResult run = lentAgainInsideItsClose(false);
        run.verify(() -> {
            run.report().only(USE_AFTER_CLOSE).assertActor("borrower").assertField("method", "prepareStatement");
            run.report().only(CROSS_THREAD_USE).assertOwner("returner").assertActor("borrower");
        });
    }

    private static RunResult lentAgainInsideItsClose(boolean poolNamed) {
        AgentRun scenario = AgentRun.scenario(ConnectionLentAgainInsideItsClose.class);
        RunResult run = (poolNamed ? scenario.option("pools", "com.example.lendinclose") : scenario).runOnce().assertCompleted();
        run.verify(() -> {
            if (!run.stdout().contains("borrower, during the close: 7") || !run.stdout().contains("borrower, after it: 7")) {
                throw new AssertionError("the borrower did not use the connection during and after the close");
            }
        });
        return run;
    }
}
