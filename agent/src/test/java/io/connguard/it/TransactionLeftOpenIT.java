package io.connguard.it;

import static io.connguard.contract.Kind.Names.TRANSACTION_LEFT_OPEN;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.connguard.it.scenarios.eco.UncommittedWrites;

/**
 * Transactions left open (scenario {@link UncommittedWrites}): a connection closed, or returned to
 * its pool, after {@code setAutoCommit(false)} and a write, with neither commit nor rollback; on
 * SQLite, MariaDB (Connector/J), PostgreSQL and H2 directly, behind HikariCP, DBCP2 and H2's
 * pool, and a pool that keeps auto-commit off. Every way of ending a transaction, SQL's own {@code COMMIT}
 * among them, is silent; so is Spring's {@code DataSourceTransactionManager} used as intended
 * ({@link SpringIT}'s correct run commits and rolls back through it).
 */
@Execution(ExecutionMode.CONCURRENT)
class TransactionLeftOpenIT {
    static List<JdbcSource> sources() {
        return List.of(JdbcSource.SQLITE, JdbcSource.MARIADB, JdbcSource.POSTGRESQL, JdbcSource.H2,
                JdbcSource.HIKARI_SQLITE, JdbcSource.DBCP2_POSTGRESQL, JdbcSource.DBCP2_H2, JdbcSource.H2POOL_H2);
    }

    /** The sources, and one whose connections know no URL of their own: the database is told by the connection they wrap. */
    static List<JdbcSource> ddlSources() {
        List<JdbcSource> all = new java.util.ArrayList<>(sources());
        all.add(JdbcSource.HIKARI_DATASOURCE_MARIADB);
        return all;
    }

    static RunResult run(JdbcSource s, String mode) {
        return AgentRun.scenario(UncommittedWrites.class).args(s.source, s.database("tx"), mode).runOnce().assertCompleted();
    }

    /**
     * The rows committed at the run's end (the scenario's last count) are {@code rows}, and each of
     * the {@code leftOpen} closes that left a write uncommitted is a {@code TRANSACTION_LEFT_OPEN}
     * naming the scenario's close and the insert; nothing else is reported.
     */
    static void assertLeftOpen(RunResult run, int rows, int leftOpen) {
        run.verify(() -> {
            if (!run.stdout().contains("rows: " + rows)) throw new AssertionError("expected " + rows + " rows committed");
            List<FindingLine> left = run.report().findings(TRANSACTION_LEFT_OPEN);
            if (left.size() != leftOpen || run.report().findings().size() != leftOpen) {
                throw run.report().fail("expected " + leftOpen + " TRANSACTION_LEFT_OPEN, nothing else");
            }
            for (FindingLine f : left) {
                f.assertFirstFrameIn("actedAt", UncommittedWrites.class);
                f.assertThat(String.valueOf(f.sql()).startsWith("INSERT INTO"), "sql is the insert left open: " + f.sql());
            }
        });
    }

    /** The run reports nothing, and the rows committed at its end (the scenario's last count) are {@code rows}; else {@code otherwise}. */
    static void assertSilentWithCommittedRows(RunResult run, int rows, String otherwise) {
        run.verify(() -> {
            if (!run.stdout().contains("rows: " + rows)) throw new AssertionError(otherwise);
            run.report().assertClean();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void closedWithAnUncommittedWriteIsFoundWithTheCloseAndTheWrite(JdbcSource s) {
        RunResult run = run(s, "left-open");
        run.verify(() -> {
            FindingLine f = run.report().only(TRANSACTION_LEFT_OPEN)
                    .assertField("resource", "Connection")
                    .assertOwner("main")
                    .assertActor("main")
                    .assertField("method", "close")
                    .assertFirstFrameIn("createdAt", UncommittedWrites.class)
                    .assertFirstFrameIn("actedAt", UncommittedWrites.class);
            f.assertThat(f.actedAt().get(0).startsWith(UncommittedWrites.class.getName() + ".forgetsToCommit("),
                    "the close is forgetsToCommit's: " + f.actedAt());
            String sql = String.valueOf(f.sql());
            f.assertThat(sql.startsWith("INSERT INTO") && !sql.contains("secret-value"),
                    "sql is the first uncommitted write, sanitized: " + sql);
        });
    }

    /**
     * DDL after a write, then a close without commit: MySQL, MariaDB and H2 commit the transaction
     * at the DDL (their manuals say so), so nothing is left open; PostgreSQL and SQLite run DDL
     * inside the transaction, and the write is still uncommitted at the close.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ddlSources")
    void ddlEndsTheTransactionOnlyWhereTheDatabaseCommitsIt(JdbcSource s) {
        String url = s.database("tx");
        RunResult run = run(s, "ddl");
        run.verify(() -> {
            if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:h2:")) {
                run.report().assertClean();
                return;
            }
            FindingLine f = run.report().only(TRANSACTION_LEFT_OPEN).assertFirstFrameIn("actedAt", UncommittedWrites.class);
            f.assertThat(String.valueOf(f.sql()).startsWith("INSERT INTO"), "sql is the write before the DDL: " + f.sql());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void commitRollbackAutoCommitAndReadsOnlyAreSilent(JdbcSource s) {
        assertSilentWithCommittedRows(run(s, "correct"), 11, "the scenario did not commit what it should have");
    }

    /** A write that returns rows, run as a query, is a write: PostgreSQL's and SQLite's {@code INSERT ... RETURNING}. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("returningSources")
    void aQueryThatInsertsIsAWrite(JdbcSource s) {
        RunResult run = run(s, "returning");
        run.verify(() -> {
            FindingLine f = run.report().only(TRANSACTION_LEFT_OPEN).assertFirstFrameIn("actedAt", UncommittedWrites.class);
            f.assertThat(String.valueOf(f.sql()).startsWith("INSERT INTO"), "sql is the insert: " + f.sql());
        });
    }

    /**
     * A result set's row change writes whatever its query was: on MariaDB a {@code SELECT} is no
     * write, and the insert through it was missed.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fullDrivers")
    void aRowInsertedThroughAResultSetIsAWrite(JdbcSource s) {
        RunResult run = run(s, "row-change");
        run.verify(() -> run.report().only(TRANSACTION_LEFT_OPEN).assertField("method", "close")
                .assertFirstFrameIn("actedAt", UncommittedWrites.class));
    }

    /**
     * SQL that turns auto-commit on (MySQL's, MariaDB's and H2's {@code SET autocommit = 1}) commits
     * the transaction, and what runs after it commits itself: both rows are kept, and that close is
     * silent. Turned off again by SQL, the next insert is left open at the close; so is one after a
     * {@code SET autocommit = 1} the database refused, and one after {@code SET autocommit = 0} on a
     * connection in auto-commit, as opened; with SQL's {@code COMMIT} after it, that one is kept.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("setAutoCommitSources")
    void autoCommitTurnedOnAndOffBySqlIsFollowed(JdbcSource s) {
        assertLeftOpen(run(s, "sql-autocommit"), 6, 3); // the rows of the first and the last connection kept
    }

    static List<JdbcSource> setAutoCommitSources() {
        return List.of(JdbcSource.MARIADB, JdbcSource.H2);
    }

    /**
     * A pool that commits what a connection handed back left open (DBCP2's
     * {@code autoCommitOnReturn} with {@code rollbackOnReturn=false}, c3p0's
     * {@code autoCommitOnClose}, Tomcat JDBC's {@code commitOnReturn}) keeps the write: silent.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("commitOnReturnSources")
    void aPoolThatCommitsOnReturnLeavesNothingOpen(JdbcSource s) {
        assertSilentWithCommittedRows(run(s, "left-open"), 4, "the pool was to commit the write");
    }

    static List<JdbcSource> commitOnReturnSources() {
        return List.of(JdbcSource.DBCP2_COMMIT_ON_RETURN_H2, JdbcSource.DBCP2_COMMIT_ON_RETURN_MARIADB,
                JdbcSource.C3P0_COMMIT_ON_RETURN_POSTGRESQL, JdbcSource.TOMCAT_COMMIT_ON_RETURN_H2);
    }

    /**
     * A pool that lends a connection in the mode its last borrow left (DBCP2 with
     * {@code autoCommitOnReturn=false}) starts a transaction at the next borrow too: its insert,
     * rolled back at the return, is found.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("keepModeSources")
    void aModeAnEarlierBorrowSetStaysWithThePoolsConnection(JdbcSource s) {
        assertLeftOpen(run(s, "api-autocommit-borrows"), 4, 1); // the committed row kept, the other lost
    }

    static List<JdbcSource> keepModeSources() {
        return List.of(JdbcSource.DBCP2_KEEP_MODE_H2);
    }

    /**
     * A mode SQL sets from a value connguard cannot read ({@code SET autocommit = @saved}) may have
     * turned auto-commit on: the insert after it, which committed itself, is not counted.
     */
    @Test
    void aModeRestoredFromAVariableIsTakenForAutoCommit() {
        assertSilentWithCommittedRows(run(JdbcSource.MARIADB, "sql-autocommit-restored"), 5, "both rows were to be committed");
    }

    /**
     * The auto-commit mode SQL set stays with the pool's connection for its next borrow: a pool
     * that does not reset it (HikariCP, which knows nothing of the SQL; DBCP2 by default, which
     * asks a driver that did not notice) lends the connection as SQL left it, and one that does
     * (DBCP2 with {@code defaultAutoCommit=false}) switches it off again. Each of the four borrows
     * inserts a row; every row the close lost, and only those, is a {@code TRANSACTION_LEFT_OPEN}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sqlAutoCommitPools")
    void theModeSqlSetStaysWithThePoolsConnection(JdbcSource s, int rowsKept) {
        assertLeftOpen(run(s, "sql-autocommit-borrows"), 3 + rowsKept, 4 - rowsKept); // each of the 4 rows lost is one finding
    }

    static List<Arguments> sqlAutoCommitPools() {
        return List.of(Arguments.of(JdbcSource.HIKARI_MANUAL_MARIADB, 2), Arguments.of(JdbcSource.HIKARI_MANUAL_H2, 2),
                Arguments.of(JdbcSource.HIKARI_DATASOURCE_MARIADB, 2), Arguments.of(JdbcSource.HIKARI_H2, 2),
                Arguments.of(JdbcSource.HIKARI_LAZY_MARIADB, 2),
                Arguments.of(JdbcSource.DBCP2_MANUAL_MARIADB, 1), Arguments.of(JdbcSource.DBCP2_MANUAL_H2, 1),
                Arguments.of(JdbcSource.DBCP2_MARIADB, 2));
    }

    /**
     * A connection that opens with auto-commit off by the driver's URL option makes no call that
     * shows it; its {@code getAutoCommit()} does, asked by the application or a framework's
     * transaction (Spring's, MyBatis's, Hibernate's). The write closed without commit is found; the
     * committed one, and the one after {@code setAutoCommit(true)}, are kept and silent.
     */
    @Test
    void aConnectionThatSaysItOpenedInManualModeIsTracked() {
        assertLeftOpen(run(JdbcSource.H2, "opened-manual"), 5, 1);
    }

    /** {@code Connection.abort} gives the transaction up on purpose: no transaction left open, and none committed. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fullDrivers")
    void anAbortEndsTheTransactionOnPurpose(JdbcSource s) {
        assertSilentWithCommittedRows(run(s, "abort"), 3, "the aborted write was committed");
    }

    /**
     * A connection enlisted in a global transaction is committed by the transaction manager through
     * its XA resource, never by the application (JTA): silent, though enlisting switched its
     * auto-commit off.
     */
    @Test
    void aConnectionEnlistedInAGlobalTransactionIsTheTransactionManagersToCommit() {
        assertSilentWithCommittedRows(run(JdbcSource.H2, "global"), 4, "the global transaction did not commit the write");
    }

    /**
     * The same with a JTA pool whose connections open in manual mode (Agroal's
     * {@code autoCommit(false)}), so that no call switches it off in the enlistment, and with an
     * XA connection's handle enlisted after it was taken: asked its mode, the connection stays the
     * transaction manager's to commit.
     */
    @Test
    void aJtaPoolsConnectionInManualModeIsTheTransactionManagersToCommit() {
        assertSilentWithCommittedRows(run(JdbcSource.H2, "global-pool"), 5, "the global transactions did not commit the writes");
        assertSilentWithCommittedRows(run(JdbcSource.H2, "global-late"), 4, "the global transaction did not commit the write");
    }

    /** The drivers that implement the optional JDBC used here ({@code abort}, updatable result sets); sqlite-jdbc does neither. */
    static List<JdbcSource> fullDrivers() {
        return List.of(JdbcSource.MARIADB, JdbcSource.POSTGRESQL, JdbcSource.H2);
    }

    static List<JdbcSource> returningSources() {
        return List.of(JdbcSource.SQLITE, JdbcSource.POSTGRESQL, JdbcSource.HIKARI_SQLITE);
    }

    static List<JdbcSource> manualCommitSources() {
        return List.of(JdbcSource.HIKARI_MANUAL_H2, JdbcSource.HIKARI_LAZY_MANUAL_H2, JdbcSource.DBCP2_MANUAL_H2, JdbcSource.DBCP2_MANUAL_POSTGRESQL,
                JdbcSource.VIBUR_MANUAL_H2,
                JdbcSource.DRUID_MANUAL_H2, JdbcSource.OWN_MANUAL_H2, JdbcSource.WRAPPED_HIKARI_MANUAL_H2);
    }

    /**
     * A pool that keeps its connections in {@code autoCommit=false} starts a transaction at every
     * borrow, whether it switched auto-commit off when it opened the connection (HikariCP) or
     * switches it inside the borrow (DBCP2, Tomcat JDBC, a data source of the application's own),
     * and behind a data source that wraps its connections: the borrow that writes and returns
     * without commit is found, though the application never
     * called {@code setAutoCommit}; the one that commits and the one that only reads are silent.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("manualCommitSources")
    void aPoolThatKeepsAutoCommitOffOpensATransactionAtEveryBorrow(JdbcSource s) {
        RunResult run = run(s, "pool-default");
        run.verify(() -> {
            if (!run.stdout().contains("rows: 4")) throw new AssertionError("the committed write is missing, or the other was committed");
            FindingLine f = run.report().only(TRANSACTION_LEFT_OPEN);
            f.assertThat(f.actedAt().get(0).startsWith(UncommittedWrites.class.getName() + ".leavesThePoolsTransactionOpen("),
                    "the close is the borrow that wrote without commit: " + f.actedAt());
        });
    }

    /** What the driver makes of the open transaction (SQLite and the servers roll it back) is the application's, unchanged. */
    @Test
    void theAgentChangesNothingTheDriverDoes() {
        RunResult without = AgentRun.scenario(UncommittedWrites.class).args("plain", "sqlite", "left-open").withoutAgent().runOnce();
        Unchanged.assertSameStdoutAndExit(run(JdbcSource.SQLITE, "left-open"), without);
    }
}
