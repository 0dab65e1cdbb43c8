package io.connguard.it;

import static io.connguard.contract.Kind.Names.CROSS_THREAD_USE;
import static io.connguard.contract.LeakCause.Names.EXIT;
import static io.connguard.contract.LeakCause.Names.HELD_TOO_LONG;
import static io.connguard.contract.Kind.Names.LEAK;
import static io.connguard.contract.LeakCause.Names.PARENT_CLOSED;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.connguard.it.scenarios.eco.Pools;

/**
 * The real pools (scenario {@link Pools}, over an in-memory H2 database): their own threads open,
 * validate, retire and replace physical connections, their statement caches hand statements back,
 * and none of that is reported; the connection each hands out (its proxy) is the user's resource,
 * found when another thread uses it and when it is never returned. One JVM per pool and polarity;
 * Tomcat JDBC, whose connections are JDK proxies, also on every JDK under test.
 */
@Execution(ExecutionMode.CONCURRENT)
class EcosystemPoolsIT {
    enum Pool {
        DBCP2("org.apache.commons.dbcp2.PoolingDataSource$PoolGuardConnectionWrapper",
                "org.apache.commons.dbcp2.DelegatingPreparedStatement", true),
        C3P0("com.mchange.v2.c3p0.impl.NewProxyConnection", "com.mchange.v2.c3p0.impl.NewProxyPreparedStatement", true),
        /** JDK proxies ({@code jdk.proxyN.$ProxyM}); its StatementCache interceptor does not hand the driver's statement back here. */
        TOMCAT(null, null, false),
        AGROAL("io.agroal.pool.wrapper.ConnectionWrapper", "io.agroal.pool.wrapper.PreparedStatementWrapper", false),
        /** No threads, nothing retired: {@code JdbcConnectionPool} over H2's own PooledConnection; statements are the driver's. */
        H2POOL("org.h2.jdbcx.JdbcXAConnection$PooledJdbcConnection", "org.h2.jdbc.JdbcPreparedStatement", false),
        /** With its own leakDetectionThreshold (2 s) beside connguard's leakThreshold=2s; closed from a shutdown hook. */
        HIKARI("com.zaxxer.hikari.pool.HikariProxyConnection", "com.zaxxer.hikari.pool.HikariProxyPreparedStatement", false),
        /** JDK proxies, as Tomcat's; no lifetime: its reducer thread closes the idle connections it grew by. */
        VIBUR(null, null, false),
        /** Over H2's driver; its proxies are classes UCP generates for a non-Oracle driver. */
        UCP("oracle.ucp.jdbc.proxy.oracle$1ucp$1jdbc$1proxy$1other$1ConnectionProxy$2java$1sql$1Connection$$$Proxy",
                "oracle.ucp.jdbc.proxy.oracle$1ucp$1jdbc$1proxy$1other$1StatementProxy$2java$1sql$1PreparedStatement$$$Proxy", false),
        /** Connects through its filter chain and closes through its utilities, outside its pool package. */
        DRUID("com.alibaba.druid.pool.DruidPooledConnection", "com.alibaba.druid.pool.DruidPooledPreparedStatement", true),
        /** MyBatis's PooledDataSource: JDK proxies, no threads; a returned connection's proxy is invalidated, its statements are the driver's. */
        MYBATIS(null, "org.h2.jdbc.JdbcPreparedStatement", false);

        final String proxyClass;
        final String statementClass;
        final boolean statementCacheHandsBack;

        Pool(String proxyClass, String statementClass, boolean statementCacheHandsBack) {
            this.proxyClass = proxyClass;
            this.statementClass = statementClass;
            this.statementCacheHandsBack = statementCacheHandsBack;
        }

        String arg() {
            return name().toLowerCase();
        }

        boolean retiresConnections() {
            return this != H2POOL && this != VIBUR && this != MYBATIS;
        }

        /** The class the pool hands out for this finding's resource: its connection proxy or its statement wrapper. */
        void assertIsProxy(FindingLine f) {
            String expected = "PreparedStatement".equals(f.resource()) ? statementClass : proxyClass;
            if (expected != null) {
                f.assertField("resourceClass", expected);
            } else {
                String c = String.valueOf(f.resourceClass());
                f.assertThat(c.matches("(jdk\\.proxy\\d+|com\\.sun\\.proxy)\\.\\$Proxy\\d+"),
                        "resourceClass is " + c + ", expected one of the pool's JDK proxy classes");
            }
        }
    }

    static List<Arguments> poolsAndJdks() {
        List<Arguments> all = new ArrayList<>();
        for (Pool pool : Pool.values()) {
            for (Jdk jdk : pool == Pool.TOMCAT ? Jdks.all() : Jdks.primary()) all.add(Arguments.of(pool, jdk));
        }
        return all;
    }

    static AgentRun scenario(Pool pool, String mode, Jdk jdk) {
        AgentRun run = AgentRun.scenario(Pools.class).args(pool.arg(), mode).jdk(jdk);
        return pool == Pool.HIKARI ? run.option("leakThreshold", "2s") : run;
    }

    static RunResult correct(Pool pool, Jdk jdk) {
        return scenario(pool, "correct", jdk).runOnce().assertCompleted();
    }

    static RunResult correctWithoutAgent(Pool pool) {
        return scenario(pool, "correct", Jdks.primary().get(0)).withoutAgent().runOnce();
    }

    static RunResult misused(Pool pool, Jdk jdk) {
        return scenario(pool, "misuse", jdk).runOnce().assertCompleted();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("poolsAndJdks")
    void correctUseWithThePoolsOwnThreadsAtWorkIsSilent(Pool pool, Jdk jdk) {
        RunResult run = correct(pool, jdk);
        run.verify(() -> {
            if (pool.retiresConnections() && !run.stdout().contains("the pool replaced physical connections: true")) {
                throw new AssertionError("the pool did not retire and replace physical connections during the run "
                        + "(a problem of the scenario, not of the agent)");
            }
            if (pool.statementCacheHandsBack && !run.stdout().contains("cached statement came back on another thread: true")) {
                throw new AssertionError("the statement cache did not hand the same statement to the second thread "
                        + "(a problem of the scenario, not of the agent)");
            }
            run.report().assertClean();
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("poolsAndJdks")
    void borrowedConnectionUsedByAnotherThreadIsCrossThreadUseOfThePoolsProxy(Pool pool, Jdk jdk) {
        RunResult run = misused(pool, jdk);
        run.verify(() -> {
            FindingLine f = run.report().only(CROSS_THREAD_USE)
                    .assertField("resource", "Connection")
                    .assertOwner("main")
                    .assertActor(pool.arg() + "-borrower")
                    .assertField("method", "prepareStatement")
                    .assertFirstFrameIn("createdAt", Pools.class)
                    .assertFirstFrameIn("actedAt", Pools.class);
            pool.assertIsProxy(f);
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("poolsAndJdks")
    void borrowedConnectionNeverReturnedIsALeakAtExit(Pool pool, Jdk jdk) {
        RunResult run = misused(pool, jdk);
        run.verify(() -> {
            FindingLine f = run.report().only(LEAK, EXIT)
                    .assertField("resource", "Connection")
                    .assertOwner("main")
                    .assertFirstFrameIn("createdAt", Pools.class);
            pool.assertIsProxy(f);
        });
    }

    /**
     * A statement still open when its connection goes back to the pool: the pool may keep it open (H2's
     * pool does not close it at all; caches keep the driver's statement for the next borrower), a real
     * leak. Its next life, the same SQL prepared again on the never-returned connection and closed, is silent.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("poolsAndJdks")
    void statementLeftOpenWhenTheConnectionIsReturnedIsAParentClosedLeak(Pool pool, Jdk jdk) {
        RunResult run = misused(pool, jdk);
        run.verify(() -> {
            FindingLine f = run.report().only(LEAK, PARENT_CLOSED)
                    .assertField("resource", "PreparedStatement")
                    .assertOwner("main")
                    .assertActor("main")
                    .assertFirstFrameIn("createdAt", Pools.class)
                    .assertFirstFrameIn("actedAt", Pools.class);
            pool.assertIsProxy(f);
        });
    }

    /**
     * Nothing about the physical connections the pool still holds at exit, nor about its threads:
     * the pool's frames are inside every call, so only the caller of the outermost call counts.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("poolsAndJdks")
    void misuseIsFoundAndNothingElse(Pool pool, Jdk jdk) {
        RunResult run = misused(pool, jdk);
        run.verify(() -> {
            List<FindingLine> all = run.report().findings();
            int expected = pool == Pool.HIKARI ? 4 : 3; // Hikari: also the slow holder's HELD_TOO_LONG
            if (all.size() != expected) throw run.report().fail("expected exactly " + expected + " findings, got " + all.size());
            if (!run.report().closedAfterReport().isEmpty() && pool != Pool.HIKARI) throw run.report().fail("unexpected closedAfterReport");
            for (FindingLine f : all) {
                pool.assertIsProxy(f);
                f.assertThat(List.of("main", pool.arg() + "-borrower", "slow-holder").contains(f.ownerName()),
                        "owner " + f.ownerName() + " is a pool thread");
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Pool.class)
    void theProgramPrintsAndExitsTheSameWithAndWithoutTheAgent(Pool pool) {
        Unchanged.assertSameStdoutAndExit(correct(pool, Jdks.primary().get(0)), correctWithoutAgent(pool));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Pool.class)
    void stderrHoldsConnguardsTwoLinesBesideWhatThePoolPrintsAnyway(Pool pool) {
        Unchanged.assertOnlyConnguardsLinesAdded(correct(pool, Jdks.primary().get(0)), correctWithoutAgent(pool));
    }

    /**
     * HikariCP's own leakDetectionThreshold and connguard's leakThreshold watch the same slow holder:
     * both report it, connguard once as HELD_TOO_LONG on Hikari's proxy, then closedAfterReport.
     */
    @Test
    void hikarisLeakDetectionAndConnguardsBothReportTheSlowHolder() {
        RunResult run = misused(Pool.HIKARI, Jdks.primary().get(0));
        run.verify(() -> {
            FindingLine f = run.report().only(LEAK, HELD_TOO_LONG)
                    .assertField("resource", "Connection")
                    .assertField("resourceClass", Pool.HIKARI.proxyClass)
                    .assertOwner("slow-holder")
                    .assertFirstFrameIn("createdAt", Pools.class);
            List<JsonNode> closed = run.report().closedAfterReport();
            if (closed.size() != 1 || closed.get(0).path("resourceId").asLong() != f.resourceId()) {
                throw run.report().fail("expected one closedAfterReport line for resource #" + f.resourceId());
            }
            if (closed.get(0).path("heldMillis").asLong() < 2000) throw run.report().fail("heldMillis should be at least 2000");
            if (!run.stderr().contains("Connection leak detection triggered")) {
                throw new AssertionError("HikariCP's own leak detection did not report the slow holder: it must keep working beside the agent");
            }
        });
    }

    /** A finding on a call that takes SQL names the statement (sanitized), as the report contract says. */
    @Test
    void crossThreadPrepareStatementNamesItsSql() {
        RunResult run = misused(Pool.DBCP2, Jdks.primary().get(0));
        run.verify(() -> {
            FindingLine f = run.report().only(CROSS_THREAD_USE);
            String sql = f.sql();
            f.assertThat(sql != null && sql.startsWith("SELECT name FROM ") && sql.endsWith(" WHERE id = ?"),
                    "sql is " + (sql == null ? "absent" : "\"" + sql + "\"") + ", expected the prepared statement's text");
        });
    }
}
