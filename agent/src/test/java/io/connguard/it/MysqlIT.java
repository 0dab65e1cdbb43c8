package io.connguard.it;

import static io.connguard.contract.Kind.Names.CROSS_THREAD_USE;
import static io.connguard.contract.LeakCause.Names.EXIT;
import static io.connguard.contract.Kind.Names.LEAK;
import static io.connguard.contract.LeakCause.Names.OWNER_THREAD_ENDED;
import static io.connguard.contract.LeakCause.Names.PARENT_CLOSED;
import static io.connguard.contract.Kind.Names.WRONG_THREAD_CLOSE;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.connguard.it.scenarios.CancelTimeoutAndAbortFromOtherThreads;
import io.connguard.it.scenarios.HandOffToAnotherThread;
import io.connguard.it.scenarios.HikariUsedCorrectlyByFourThreads;
import io.connguard.it.scenarios.MainClosesWorkersConnection;
import io.connguard.it.scenarios.OpenedEveryWay;
import io.connguard.it.scenarios.SecretsInUrlAndSql;
import io.connguard.it.scenarios.StatementLeftOpenWhenConnectionCloses;
import io.connguard.it.scenarios.ThreadLocalConnectionPerWorker;

/**
 * The same stories on MySQL through Connector/J, a driver that wraps, caches and runs its own threads
 * (the cancellation timer, the abandoned-connection cleanup). On the JDK running the tests only.
 */
@Execution(ExecutionMode.CONCURRENT)
class MysqlIT {
    static final String CONNECTOR_J = "com.mysql.cj.jdbc.";
    static final String PHYSICAL = "com.mysql.cj.jdbc.ConnectionImpl";

    static RunResult run(Class<?> scenario, String... args) {
        Mysql.assumeReachable();
        String[] all = new String[args.length + 1];
        all[0] = Mysql.URL;
        System.arraycopy(args, 0, all, 1, args.length);
        return AgentRun.scenario(scenario).args(all).runOnce().assertCompleted();
    }

    @Test
    void crossThreadUseOnMysqlIsReported() {
        RunResult run = run(HandOffToAnotherThread.class);
        run.verify(() -> {
            Report report = run.report();
            report.single("CROSS_THREAD_USE of a Connection", f -> CROSS_THREAD_USE.equals(f.kind()) && "Connection".equals(f.resource()))
                    .assertResourceClassStartsWith(CONNECTOR_J).assertOwner("main").assertActor("conn-borrower")
                    .assertField("method", "createStatement")
                    .assertFirstFrameIn("createdAt", HandOffToAnotherThread.class)
                    .assertFirstFrameIn("actedAt", HandOffToAnotherThread.class);
            report.single("CROSS_THREAD_USE of a PreparedStatement",
                            f -> CROSS_THREAD_USE.equals(f.kind()) && "PreparedStatement".equals(f.resource()))
                    .assertResourceClassStartsWith(CONNECTOR_J).assertOwner("main").assertActor("ps-borrower")
                    .assertField("method", "executeQuery")
                    .assertFirstFrameIn("actedAt", HandOffToAnotherThread.class);
            report.single("CROSS_THREAD_USE of a ResultSet", f -> CROSS_THREAD_USE.equals(f.kind()) && "ResultSet".equals(f.resource()))
                    .assertResourceClassStartsWith(CONNECTOR_J).assertOwner("main").assertActor("rs-borrower")
                    .assertField("method", "next")
                    .assertFirstFrameIn("actedAt", HandOffToAnotherThread.class);
            if (report.findings().size() != 3) throw report.fail("expected exactly the three hand-offs");
        });
    }

    @Test
    void wrongThreadCloseOnMysqlIsReported() {
        RunResult run = run(MainClosesWorkersConnection.class);
        run.verify(() -> {
            run.report().only(WRONG_THREAD_CLOSE)
                    .assertField("resource", "Connection").assertResourceClassStartsWith(CONNECTOR_J)
                    .assertOwner("opener").assertActor("main").assertField("method", "close")
                    .assertFirstFrameIn("createdAt", MainClosesWorkersConnection.class)
                    .assertFirstFrameIn("actedAt", MainClosesWorkersConnection.class);
            if (run.report().findings().size() != 1) throw run.report().fail("expected the WRONG_THREAD_CLOSE alone");
        });
    }

    /** Connector/J closes the open statements itself inside Connection.close(): the leak is still reported, once. */
    @Test
    void statementLeftOpenOnMysqlIsReportedWhenItsConnectionCloses() {
        RunResult run = run(StatementLeftOpenWhenConnectionCloses.class);
        run.verify(() -> {
            run.report().only(LEAK, PARENT_CLOSED)
                    .assertField("resource", "PreparedStatement").assertResourceClassStartsWith(CONNECTOR_J)
                    .assertOwner("main")
                    .assertFirstFrameIn("createdAt", StatementLeftOpenWhenConnectionCloses.class);
            if (run.report().findings().size() != 1) throw run.report().fail("the statement must be reported once");
        });
    }

    @Test
    void threadLocalConnectionsOnMysqlOutliveTheirWorkers() {
        RunResult run = run(ThreadLocalConnectionPerWorker.class);
        run.verify(() -> {
            Report report = run.report();
            for (FindingLine f : report.findings()) {
                f.assertField("kind", LEAK).assertField("detectedBy", OWNER_THREAD_ENDED)
                        .assertResourceClassStartsWith(CONNECTOR_J)
                        .assertFirstFrameIn("createdAt", ThreadLocalConnectionPerWorker.class)
                        .assertThat(f.ownerName() != null && f.ownerName().startsWith("worker-"), "owner should be a worker");
            }
            long total = report.totalCount(LEAK, OWNER_THREAD_ENDED);
            if (total != 3) throw report.fail("expected 3 OWNER_THREAD_ENDED leaks in total, the summary counts " + total);
            if (report.totalCount(LEAK, EXIT) != 0) throw report.fail("the workers' connections were reported again at exit");
        });
    }

    @Test
    void hikariOnMysqlUsedCorrectlyIsSilent() {
        Mysql.assumeReachable();
        PoolIT.assertPoolHousekeepingWasSilent(AgentRun.scenario(HikariUsedCorrectlyByFourThreads.class).args(Mysql.URL).runOnce());
    }

    /** Connector/J enforces setQueryTimeout from its own timer thread; cancel and abort come from other threads. */
    @Test
    void cancelTimeoutAndAbortOnMysqlAreSilent() {
        RunResult run = run(CancelTimeoutAndAbortFromOtherThreads.class);
        run.verify(() -> {
            if (!run.stdout().contains("timeout: MySQLTimeoutException")) {
                throw new AssertionError("the query timeout did not fire as the scenario expects (a problem of the test)");
            }
            run.report().assertClean();
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"driver-manager", "driver-connect", "data-source", "pooled-connection"})
    void crossThreadUseIsFoundHoweverTheMysqlConnectionWasOpened(String way) {
        RunResult run = run(OpenedEveryWay.class, "misuse");
        ConnectionSourcesIT.assertEachWayFoundOnce(run, way, PHYSICAL);
        run.verify(() -> run.report().single("user-" + way, f -> ("user-" + way).equals(f.actorName()))
                .assertResourceClassStartsWith(CONNECTOR_J));
    }

    /** Includes MysqlConnectionPoolDataSource's physical connection, still open at exit: the pool's, silent. */
    @Test
    void correctUseIsSilentHoweverTheMysqlConnectionWasOpened() {
        RunResult run = run(OpenedEveryWay.class, "correct");
        run.verify(() -> run.report().assertClean());
    }

    @Test
    void passwordOfAMysqlUserNeverReachesTheReportOrTheLog() throws Exception {
        Mysql.assumeReachable();
        Mysql.execute("DROP USER IF EXISTS 'cg_it'@'%'",
                "CREATE USER 'cg_it'@'%' IDENTIFIED BY 'S3cretPw!'",
                "GRANT ALL PRIVILEGES ON test.* TO 'cg_it'@'%'");
        try {
            RunResult run = AgentRun.scenario(SecretsInUrlAndSql.class)
                    .args("jdbc:mysql://" + Mysql.hostAndPort() + "/test?user=cg_it&password=S3cretPw!").runOnce();
            ReportSafetyIT.assertSecretsStayOut(run, Mysql.hostAndPort() + "/test", false);
        } finally {
            Mysql.execute("DROP USER IF EXISTS 'cg_it'@'%'");
        }
    }
}
