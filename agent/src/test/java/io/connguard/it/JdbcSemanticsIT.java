package io.connguard.it;

import static io.connguard.contract.Kind.Names.LEAK;
import static io.connguard.contract.LeakCause.Names.PARENT_CLOSED;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.connguard.it.scenarios.CancelTimeoutAndAbortFromOtherThreads;
import io.connguard.it.scenarios.ChildrenClosedAfterTheirConnection;
import io.connguard.it.scenarios.ColumnMetaDataBetweenExecutions;
import io.connguard.it.scenarios.DriverStatementsInsideCalls;
import io.connguard.it.scenarios.PooledConnectionHandlesClosedByTheDriver;
import io.connguard.it.scenarios.PooledConnectionReplacesItsHandle;
import io.connguard.it.scenarios.ProxiesEveryInterfaceOfItsClasses;
import io.connguard.it.scenarios.StatementsClosedOnCompletion;

/**
 * What JDBC itself says about threads and closing, on each driver: correct programs that lean on it
 * stay silent. MariaDB (Connector/J) and PostgreSQL (pgjdbc) run against the local servers and are
 * skipped when those are unreachable (and fail then on CI).
 */
@Execution(ExecutionMode.CONCURRENT)
class JdbcSemanticsIT {
    enum Db {
        SQLITE, H2, HSQLDB, MARIADB, POSTGRESQL;

        /** The scenario's arguments: none for a fresh SQLite file, else the URL. */
        String[] args() {
            switch (this) {
                case H2: return new String[] {"jdbc:h2:mem:semantics;DB_CLOSE_DELAY=-1"};
                case HSQLDB: return new String[] {"jdbc:hsqldb:mem:semantics"};
                case MARIADB: Mysql.assumeReachable(); return new String[] {Mysql.URL};
                case POSTGRESQL: Postgres.assumeReachable(); return new String[] {Postgres.URL};
                default: return new String[0];
            }
        }
    }

    /** JDBC releases a connection's statements and result sets when it closes: closing them later is a no-op, from any thread. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Db.class)
    void closingChildrenOfAClosedConnectionFromAnotherThreadIsSilent(Db db) {
        RunResult run = AgentRun.scenario(ChildrenClosedAfterTheirConnection.class).args(db.args()).runOnce().assertCompleted();
        run.verify(() -> {
            run.report().only(LEAK, PARENT_CLOSED).assertField("resource", "Statement").assertOwner("main");
            if (run.report().findings().size() != 1) throw run.report().fail("closing a closed connection's children is no misuse");
        });
    }

    /**
     * A statement under {@code closeOnCompletion()} is closed with its result set, whether it was
     * asked before or after the query; one whose result set stays open is the leak it is. HSQLDB
     * answers {@code closeOnCompletion()} through a bridge to a package-private superclass, which
     * had no hook: there connguard never learnt of it.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Db.class)
    void aStatementClosedOnCompletionClosesWithItsResultSet(Db db) {
        RunResult run = AgentRun.scenario(StatementsClosedOnCompletion.class).args(db.args()).runOnce().assertCompleted();
        run.verify(() -> {
            FindingLine leak = run.report().only(LEAK, PARENT_CLOSED).assertField("resource", "PreparedStatement").assertOwner("main");
            if (run.report().findings().size() != 1) throw run.report().fail("only the statement whose result set stayed open is left open");
            leak.assertThat(leak.sql().startsWith("SELECT name"), "the statement left open is the third");
        });
    }

    /**
     * {@code getMetaData()} of a result set or a prepared statement describes columns; only a
     * connection's hands out something of the connection's (its {@code DatabaseMetaData}). On
     * sqlite-jdbc it returns the result set itself: closing that result set and executing again
     * leaves the statement and the connection open, and nothing is reported.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Db.class)
    void columnMetaDataReadBetweenExecutionsIsSilent(Db db) {
        RunResult run = AgentRun.scenario(ColumnMetaDataBetweenExecutions.class).args(db.args()).runOnce().assertCompleted();
        run.verify(() -> {
            if (!run.stdout().contains("autocommit: true")) throw new AssertionError("the scenario did not finish its reads");
            run.report().assertClean();
        });
    }

    /**
     * A driver class and its superclass both implement JDBC (H2's prepared statement extends its
     * statement): the interface connguard adds is listed by one class of the chain only, so a JDK
     * proxy built from every interface of the chain is made as without the agent.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Db.class)
    void aProxyOfEveryInterfaceOfTheClassChainIsMadeAsWithoutTheAgent(Db db) {
        RunResult with = AgentRun.scenario(ProxiesEveryInterfaceOfItsClasses.class).args(db.args()).runOnce().assertCompleted();
        RunResult without = AgentRun.scenario(ProxiesEveryInterfaceOfItsClasses.class).args(db.args()).withoutAgent().runOnce();
        Unchanged.assertSameStdoutAndExit(with, without);
        with.verify(() -> with.report().assertClean());
    }

    /**
     * Statements a driver makes for itself inside another JDBC call are the driver's, as those of
     * a nested call are, though no hook counted the enclosing call (a column getter, or a
     * {@code ResultSetMetaData} or {@code Array} method): pgjdbc keeps its type lookups open for the
     * connection's life. The statement the scenario leaves open is still a leak, at its own line.
     */
    @Test
    void statementsTheDriverMakesInsideOtherCallsAreNotTheApplicationsLeaks() {
        Postgres.assumeReachable();
        RunResult run = AgentRun.scenario(DriverStatementsInsideCalls.class).args(Postgres.URL).runOnce().assertCompleted();
        run.verify(() -> {
            run.report().only(LEAK, PARENT_CLOSED).assertField("resource", "Statement")
                .assertFirstFrameIn("createdAt", DriverStatementsInsideCalls.class);
            if (run.report().findings().size() != 1) throw run.report().fail("only the scenario's own statement is left open");
        });
    }

    /**
     * A {@code PooledConnection} closes its previous handle when it hands out another, and its
     * last one when it closes (JDBC); Connector/J and pgjdbc do it without calling the handle's
     * {@code close()}. Those handles are no leaks, nor is the closed connection MariaDB's driver hands
     * out when its closed pooled connection is asked for another; the handle of a pooled connection
     * nobody closes is.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Connector/J", "MariaDB Connector/J", "pgjdbc"})
    void handlesAPooledConnectionClosesItselfAreNoLeaks(String driver) {
        String url = driver.equals("pgjdbc") ? Db.POSTGRESQL.args()[0]
            : driver.equals("Connector/J") ? Db.MARIADB.args()[0] : MariaDbPoolIT.reachableUrl();
        RunResult run = AgentRun.scenario(PooledConnectionHandlesClosedByTheDriver.class).args(url).runOnce().assertCompleted();
        run.verify(() -> {
            String after = driver.startsWith("MariaDB") ? "after close: closed=true" : "after close: refused";
            if (!run.stdout().contains(after)) throw new AssertionError("the closed pooled connection's getConnection() did not do what the driver does");
            run.report().only(LEAK).assertField("resource", "Connection")
                .assertFirstFrameIn("createdAt", PooledConnectionHandlesClosedByTheDriver.class);
            if (run.report().findings().size() != 1) throw run.report().fail("only the handle of the pooled connection left open leaks");
        });
    }

    /**
     * {@code Statement.cancel()} from a watchdog, the driver's own query-timeout timer, and
     * {@code Connection.abort} from another thread: JDBC allows them from any thread, and what the
     * driver does inside them (pgjdbc's cancel asks its connection whether it is closed) is theirs.
     * An {@code abort(null)} the driver refuses closes nothing: the connection used after it is open.
     */
    @ParameterizedTest(name = "{0}, through HikariCP: {1}")
    @MethodSource("dbsPlainAndPooled")
    void cancelTimeoutAndAbortFromOtherThreadsAreSilentOnEveryDriver(Db db, boolean hikari) {
        String[] args = db.args();
        if (hikari) {
            args = Arrays.copyOf(args, args.length + 1);
            args[args.length - 1] = "hikari";
        }
        RunResult run = AgentRun.scenario(CancelTimeoutAndAbortFromOtherThreads.class).args(args).runOnce().assertCompleted();
        boolean refuses = db == Db.MARIADB || db == Db.POSTGRESQL;
        run.verify(() -> {
            if (!run.stdout().contains("abort(null): " + (refuses ? "refused" : "returned"))) throw new AssertionError("abort(null) did not do what the driver does");
            run.report().assertClean();
        });
    }

    /** Every database but HSQLDB, which runs no query long enough to cancel (its recursion stops at a limit). */
    static Stream<Arguments> dbsPlainAndPooled() {
        return Arrays.stream(Db.values()).filter(d -> d != Db.HSQLDB).flatMap(d -> Stream.of(
            Arguments.of(d, false), Arguments.of(d, true)));
    }

    /** A close made inside another JDBC call (a pooled connection closing its previous handle) is a close all the same. */
    @Test
    void aHandleClosedInsideGetConnectionIsClosed() {
        RunResult run = AgentRun.scenario(PooledConnectionReplacesItsHandle.class).runOnce().assertCompleted();
        run.verify(() -> run.report().assertClean());
    }
}
