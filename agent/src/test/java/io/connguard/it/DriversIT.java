package io.connguard.it;

import static io.connguard.contract.Kind.Names.CROSS_THREAD_USE;
import static io.connguard.contract.Kind.Names.LEAK;
import static io.connguard.contract.LeakCause.Names.PARENT_CLOSED;

import java.util.List;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.connguard.it.scenarios.eco.Drivers;

/**
 * H2 (embedded, in memory) and PostgreSQL (pgjdbc against the local server), each through
 * DriverManager and through the driver's own DataSource (scenario {@link Drivers}). PostgreSQL tests
 * are skipped when the server is unreachable, and fail then on CI.
 */
@Execution(ExecutionMode.CONCURRENT)
class DriversIT {
    enum Driver {
        H2("jdbc:h2:mem:drivers;DB_CLOSE_DELAY=-1", "org.h2.jdbc.JdbcConnection", "org.h2.jdbc.JdbcPreparedStatement"),
        POSTGRESQL(null, "org.postgresql.jdbc.PgConnection", "org.postgresql.jdbc.PgPreparedStatement");

        private final String url;
        final String connectionClass;
        final String preparedStatementClass;

        Driver(String url, String connectionClass, String preparedStatementClass) {
            this.url = url;
            this.connectionClass = connectionClass;
            this.preparedStatementClass = preparedStatementClass;
        }

        String url() {
            if (this == POSTGRESQL) {
                Postgres.assumeReachable();
                return Postgres.URL;
            }
            return url;
        }
    }

    static final List<String> WAYS = List.of("driver-manager", "data-source");

    static RunResult run(Driver driver, String mode) {
        return AgentRun.scenario(Drivers.class).args(driver.url(), mode).runOnce().assertCompleted();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Driver.class)
    void correctUseThroughDriverManagerAndDataSourceIsSilent(Driver driver) {
        RunResult run = run(driver, "correct");
        run.verify(() -> {
            for (String way : WAYS) {
                if (!run.stdout().contains(way + " metadata: [table, id, name]")) throw new AssertionError(way + " did not read the metadata");
            }
            run.report().assertClean();
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Driver.class)
    void connectionUsedByAnotherThreadIsFoundEitherWay(Driver driver) {
        RunResult run = run(driver, "misuse");
        run.verify(() -> {
            for (String way : WAYS) {
                run.report().single("CROSS_THREAD_USE by user-" + way,
                                f -> CROSS_THREAD_USE.equals(f.kind()) && ("user-" + way).equals(f.actorName()))
                        .assertField("resource", "Connection")
                        .assertField("resourceClass", driver.connectionClass)
                        .assertOwner("main")
                        .assertField("method", "createStatement")
                        .assertFirstFrameIn("createdAt", Drivers.class)
                        .assertFirstFrameIn("actedAt", Drivers.class);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Driver.class)
    void statementLeftOpenWhenItsConnectionClosesIsAParentClosedLeakEitherWay(Driver driver) {
        RunResult run = run(driver, "misuse");
        run.verify(() -> {
            // one line forgets the statement for both ways: one site (the statement's own line), twice
            List<FindingLine> leaks = run.report().findings(LEAK, PARENT_CLOSED);
            if (leaks.size() != 1 || run.report().totalCount(LEAK, PARENT_CLOSED) != 2) {
                throw run.report().fail("expected the statement forgotten at one line as one PARENT_CLOSED site, twice");
            }
            for (FindingLine f : leaks) {
                f.assertField("resource", "PreparedStatement")
                        .assertField("resourceClass", driver.preparedStatementClass)
                        .assertOwner("main")
                        .assertActor("main")
                        .assertFirstFrameIn("createdAt", Drivers.class)
                        .assertFirstFrameIn("actedAt", Drivers.class);
                String sql = f.sql();
                f.assertThat(sql != null && sql.startsWith("SELECT name FROM "), "sql is " + sql);
            }
            if (run.report().findings().size() != 3) throw run.report().fail("expected the two CROSS_THREAD_USE and the leak, nothing else");
        });
    }

    /** README: the URL is known for DriverManager, Driver.connect and drivers' own data sources; never with secrets. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Driver.class)
    void findingsNameTheUrlEitherWayWithoutUserOrPassword(Driver driver) {
        RunResult run = run(driver, "misuse");
        run.verify(() -> {
            for (FindingLine f : run.report().findings()) {
                String url = f.url();
                f.assertThat(url != null && url.startsWith(driver.url().substring(0, driver.url().indexOf(':', 5))),
                        "url is " + (url == null ? "absent" : url));
                f.assertThat(!url.contains("user=") && !url.contains("password="), "url names the user or password: " + url);
            }
            if (run.reportText().contains(Drivers.PASSWORD) || run.stderr().contains(Drivers.PASSWORD)) {
                throw run.report().fail("the data source's password is in the report or on stderr");
            }
        });
    }
}
