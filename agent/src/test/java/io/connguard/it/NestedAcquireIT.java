package io.connguard.it;

import static io.connguard.contract.Kind.Names.NESTED_ACQUIRE;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.connguard.it.scenarios.eco.PoolLocking;

/**
 * Pool-locking (scenario {@link PoolLocking}, over in-memory H2): a thread that still holds a
 * connection of a pool borrows another from the same pool, on ten real pools, behind Spring's
 * {@code PROPAGATION_REQUIRES_NEW} and in a new JTA transaction; silent for two pools on one thread,
 * for borrow, return, borrow again, for borrows inside one JTA transaction (which share the
 * connection enlisted there), and for the pools' own threads at work.
 */
@Execution(ExecutionMode.CONCURRENT)
class NestedAcquireIT {
    enum Pool {
        HIKARI("com.zaxxer.hikari.HikariDataSource", true),
        DBCP2("org.apache.commons.dbcp2.BasicDataSource", false),
        C3P0("com.mchange.v2.c3p0.ComboPooledDataSource", true),
        TOMCAT("org.apache.tomcat.jdbc.pool.DataSource", true),
        AGROAL("io.agroal.pool.DataSource", false),
        MYBATIS("org.apache.ibatis.datasource.pooled.PooledDataSource", false),
        VIBUR("org.vibur.dbcp.ViburDBCPDataSource", true),
        DRUID("com.alibaba.druid.pool.DruidDataSource", true),
        UCP("oracle.ucp.jdbc.PoolDataSourceImpl", true),
        H2POOL("org.h2.jdbcx.JdbcConnectionPool", false);

        final String dataSourceClass;
        /** Whether the pool has a name of its own, which a finding shows. */
        final boolean named;

        Pool(String dataSourceClass, boolean named) {
            this.dataSourceClass = dataSourceClass;
            this.named = named;
        }
    }

    static RunResult run(String pool, String mode) {
        return AgentRun.scenario(PoolLocking.class).args(pool, mode).runOnce().assertCompleted();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Pool.class)
    void borrowingAgainWhileHoldingAConnectionOfThePoolIsNestedAcquire(Pool pool) {
        RunResult run = run(pool.name().toLowerCase(), "nested");
        run.verify(() -> {
            FindingLine f = run.report().only(NESTED_ACQUIRE)
                    .assertField("resource", "Connection")
                    .assertOwner("main")
                    .assertActor("main")
                    .assertField("method", "getConnection")
                    .assertFirstFrameIn("createdAt", PoolLocking.class)
                    .assertFirstFrameIn("actedAt", PoolLocking.class);
            f.assertThat(f.createdAt().get(0).startsWith(PoolLocking.class.getName() + ".unitOfWork("),
                    "the held connection's borrow is in unitOfWork: " + f.createdAt());
            f.assertThat(f.actedAt().get(0).startsWith(PoolLocking.class.getName() + ".name(")
                    && f.actedAt().get(1).startsWith(PoolLocking.class.getName() + ".audit("),
                    "the second borrow is the audit's: " + f.actedAt());
            f.assertThat(pool.dataSourceClass.equals(f.json().path("pool").path("class").asText()),
                    "pool.class is " + f.json().path("pool") + ", expected " + pool.dataSourceClass);
        });
    }

    /** The second borrow of a pool of one waits until the pool's timeout and throws: pool-locking come true, found at that borrow. */
    @Test
    void aSecondBorrowThatTimesOutIsNestedAcquire() {
        RunResult run = run("hikari", "exhausted");
        run.verify(() -> {
            if (!run.stdout().contains("audit: timed out")) throw new AssertionError("the second borrow was to time out");
            FindingLine f = run.report().only(NESTED_ACQUIRE).assertOwner("main").assertActor("main")
                    .assertFirstFrameIn("createdAt", PoolLocking.class);
            f.assertThat(f.actedAt().get(0).startsWith(PoolLocking.class.getName() + ".name(")
                    && f.actedAt().get(1).startsWith(PoolLocking.class.getName() + ".audit("),
                    "the second borrow is the audit's: " + f.actedAt());
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Pool.class)
    void twoPoolsOnOneThreadAndBorrowReturnBorrowAreSilent(Pool pool) {
        RunResult run = run(pool.name().toLowerCase(), "correct");
        run.verify(() -> {
            if (!run.stdout().contains("audit: item 4") || !run.stdout().contains("again: item 3")) {
                throw new AssertionError("the scenario did not borrow from both pools");
            }
            run.report().assertClean();
        });
    }

    /** A pool that has a name (HikariCP's, Tomcat's, Vibur's, Druid's, UCP's) is named by the finding; the others are not. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Pool.class)
    void theFindingNamesThePool(Pool pool) {
        RunResult run = run(pool.name().toLowerCase(), "nested");
        run.verify(() -> {
            FindingLine f = run.report().only(NESTED_ACQUIRE);
            String name = f.json().path("pool").path("name").asText("");
            f.assertThat(pool.named != name.isEmpty(), "pool.name is \"" + name + "\", expected " + (pool.named ? "the pool's" : "none"));
            if (pool == Pool.HIKARI) f.assertThat(name.startsWith("HikariPool-"), "pool.name is HikariCP's generated name");
        });
    }

    @Test
    void requiresNewInsideATransactionIsNestedAcquireAtTheApplicationsFrames() {
        RunResult run = run("spring", "nested");
        run.verify(() -> {
            FindingLine f = run.report().only(NESTED_ACQUIRE)
                    .assertField("resourceClass", SpringIT.HIKARI_PROXY)
                    .assertFirstFrameIn("createdAt", PoolLocking.class)
                    .assertFirstFrameIn("actedAt", PoolLocking.class);
            f.assertThat(f.json().path("pool").path("class").asText().equals(Pool.HIKARI.dataSourceClass), "pool is HikariCP's");
        });
    }

    @Test
    void requiredInsideATransactionJoinsItAndIsSilent() {
        RunResult run = run("spring", "correct");
        run.verify(() -> {
            if (!run.stdout().contains("inner: item 2")) throw new AssertionError("the inner transaction did not run");
            run.report().assertClean();
        });
    }

    /**
     * A JTA-aware pool hands a second borrow in the same global transaction the connection it
     * enlisted: no second connection, no lock; so also behind a data source that wraps each
     * connection.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dbcp2-jta", "agroal-jta", "wrapped-dbcp2-jta"})
    void aSecondBorrowInTheSameJtaTransactionSharesItsConnectionAndIsSilent(String pool) {
        RunResult run = run(pool, "correct");
        run.verify(() -> {
            if (!run.stdout().contains("after the audit: item 5") || !run.stdout().contains("three: item 3, item 2, item 1")) {
                throw new AssertionError("the second or third transaction did not run");
            }
            run.report().assertClean();
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dbcp2-jta", "agroal-jta", "wrapped-dbcp2-jta"})
    void aSecondBorrowInANewJtaTransactionWhileTheFirstIsSuspendedIsNestedAcquire(String pool) {
        RunResult run = run(pool, "nested");
        run.verify(() -> {
            FindingLine f = run.report().only(NESTED_ACQUIRE).assertOwner("main").assertActor("main");
            f.assertThat(f.createdAt().stream().anyMatch(frame -> frame.startsWith(PoolLocking.class.getName() + ".unitOfWork(")),
                    "the held connection's borrow is in unitOfWork: " + f.createdAt());
            f.assertThat(f.actedAt().stream().anyMatch(frame -> frame.startsWith(PoolLocking.class.getName() + ".audit(")),
                    "the second borrow is the audit's: " + f.actedAt());
            String poolClass = pool.startsWith("agroal") ? "io.agroal.pool.DataSource" : "org.apache.commons.dbcp2.managed.BasicManagedDataSource";
            f.assertThat(f.json().path("pool").path("class").asText().equals(poolClass), "pool.class is " + f.json().path("pool"));
        });
    }

    @Test
    void theAgentChangesNothingThePoolsDo() {
        RunResult without = AgentRun.scenario(PoolLocking.class).args("dbcp2", "nested").withoutAgent().runOnce();
        Unchanged.assertSameStdoutAndExit(run("dbcp2", "nested"), without);
    }
}
