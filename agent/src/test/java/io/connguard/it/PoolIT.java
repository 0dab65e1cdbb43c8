package io.connguard.it;

import static io.connguard.contract.Kind.Names.CROSS_THREAD_USE;
import static io.connguard.contract.LeakCause.Names.EXIT;
import static io.connguard.contract.Kind.Names.LEAK;
import static io.connguard.contract.Kind.Names.NESTED_ACQUIRE;
import static io.connguard.contract.Kind.Names.USE_AFTER_CLOSE;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.zaxxer.hikari.pool.PoolSuiteMisuses;
import com.zaxxer.hikari.pool.UserClassInHikariPackage;

import io.connguard.it.scenarios.ConnectionsEvictedThroughThePool;
import io.connguard.it.scenarios.HikariConnectionMisused;
import io.connguard.it.scenarios.HikariUsedCorrectlyByFourThreads;
import io.connguard.it.scenarios.AppWrapperCallsThroughAHelper;
import io.connguard.it.scenarios.NaivePoolHandsOutPhysicalConnections;
import io.connguard.it.scenarios.PoolTendsWhatItLent;
import io.connguard.it.scenarios.RunsPoolSuite;

/**
 * The pool rule: HikariCP's physical connections and its own threads (adder, closer, housekeeper)
 * are the pool's business; the proxy connection it hands out is the user's resource.
 */
@Execution(ExecutionMode.CONCURRENT)
class PoolIT {
    static final String HIKARI_PROXY = "com.zaxxer.hikari.pool.HikariProxy";
    private static final Pattern OPENED = Pattern.compile("physical connections opened by the pool: (\\d+)");

    /** Also used by {@link MysqlIT} with a MySQL URL. */
    static void assertPoolHousekeepingWasSilent(RunResult run) {
        run.assertCompleted();
        run.verify(() -> {
            Matcher m = OPENED.matcher(run.stdout());
            int opened = m.find() ? Integer.parseInt(m.group(1)) : -1;
            if (opened <= 4) {
                throw new AssertionError("the pool opened " + opened + " physical connections: the scenario did not make it "
                        + "retire and replace any (a problem of the test, not of the agent)");
            }
            run.report().assertClean();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void poolHousekeepingThreadsAreSilent(Jdk jdk) {
        assertPoolHousekeepingWasSilent(AgentRun.scenario(HikariUsedCorrectlyByFourThreads.class).jdk(jdk).runOnce());
    }

    static RunResult misused(Jdk jdk) {
        return AgentRun.scenario(HikariConnectionMisused.class).jdk(jdk).runOnce().assertCompleted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void crossThreadUseOfABorrowedConnectionIsReportedOnHikarisProxy(Jdk jdk) {
        RunResult run = misused(jdk);
        run.verify(() -> run.report().only(CROSS_THREAD_USE)
                .assertField("resource", "Connection")
                .assertResourceClassStartsWith(HIKARI_PROXY)
                .assertOwner("main")
                .assertActor("hikari-borrower")
                .assertField("method", "prepareStatement")
                .assertFirstFrameIn("createdAt", HikariConnectionMisused.class)
                .assertFirstFrameIn("actedAt", HikariConnectionMisused.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void borrowedConnectionNeverReturnedIsALeakAtExit(Jdk jdk) {
        RunResult run = misused(jdk);
        run.verify(() -> run.report().only(LEAK, EXIT)
                .assertField("resource", "Connection")
                .assertResourceClassStartsWith(HIKARI_PROXY)
                .assertOwner("main")
                .assertFirstFrameIn("createdAt", HikariConnectionMisused.class));
    }

    /**
     * No finding about the pool's physical connections, none with a pool thread as owner or actor:
     * the pool's frames are inside every call, so only the caller of the outermost call counts.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void poolsPhysicalConnectionsAndThreadsAreNeverNamed(Jdk jdk) {
        RunResult run = misused(jdk);
        run.verify(() -> {
            for (FindingLine f : run.report().findings()) {
                f.assertResourceClassStartsWith(HIKARI_PROXY);
                f.assertThat(!String.valueOf(f.ownerName()).startsWith("HikariPool"), "a pool thread is named as owner");
                f.assertThat(!String.valueOf(f.actorName()).startsWith("HikariPool"), "a pool thread is named as actor");
            }
            if (run.report().findings().size() != 2) throw run.report().fail("expected exactly the CROSS_THREAD_USE and the EXIT leak");
        });
    }

    // --- a pool named with pools= that hands out its physical connections without a proxy

    static RunResult naivePool(Jdk jdk, String... args) {
        return AgentRun.scenario(NaivePoolHandsOutPhysicalConnections.class).jdk(jdk).option("pools", "com.example.naivepool")
                .args(args).runOnce().assertCompleted();
    }

    /** The pool's thread opened them and ended, the pool closes them from main: all the pool's business. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#primary")
    void aPoolsConnectionHandedOutAsItIsIsTheBorrowersAndSilentWhenUsedRight(Jdk jdk) {
        RunResult run = naivePool(jdk);
        run.verify(() -> run.report().assertClean());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#primary")
    void aPoolsConnectionHandedOutAsItIsIsCheckedForTheBorrower(Jdk jdk) {
        RunResult run = naivePool(jdk, "misuse");
        run.verify(() -> run.report().only(CROSS_THREAD_USE)
                .assertField("resource", "Connection")
                .assertOwner("main")
                .assertActor("naive-borrower")
                .assertFirstFrameIn("createdAt", NaivePoolHandsOutPhysicalConnections.class)
                .assertFirstFrameIn("actedAt", NaivePoolHandsOutPhysicalConnections.class));
    }

    // --- a pool named with pools= whose data source class tends the connection it lent

    static RunResult selfTendingPool(String... args) {
        return AgentRun.scenario(PoolTendsWhatItLent.class).option("pools", "com.example.selftendingpool")
                .args(args).runOnce().assertCompleted();
    }

    /**
     * The data source's own method checks the connection main handed back: the pool's code made that
     * call, though its class is a data source, whose {@code getConnection} frames are JDBC's.
     */
    @Test
    void aPoolsDataSourceCheckingTheConnectionItLentIsThePoolsBusiness() {
        RunResult run = selfTendingPool();
        run.verify(() -> {
            if (!run.stdout().contains("idle connection valid: true")) throw new AssertionError("the pool did not check its idle connection");
            run.report().assertClean();
        });
    }

    @Test
    void theApplicationUsingTheConnectionItHandedBackIsUseAfterClose() {
        RunResult run = selfTendingPool("misuse");
        run.verify(() -> run.report().only(USE_AFTER_CLOSE)
                .assertField("method", "getAutoCommit")
                .assertOwner("main")
                .assertFirstFrameIn("actedAt", PoolTendsWhatItLent.class));
    }

    /**
     * A pool of the application's own that connguard does not know, lending its physical connections
     * inside a wrapper class whose calls go through a helper: the wrapper drives them, so a
     * housekeeping thread checking and closing them is the pool's business, not misuse. The
     * wrapper's {@code close()} is its base class's, whose class file names no JDBC type: it is
     * seen, and the wrappers are no leaks.
     */
    @Test
    void anApplicationsOwnWrapperDrivesItsPoolsConnectionsThroughAHelper() {
        RunResult run = AgentRun.scenario(AppWrapperCallsThroughAHelper.class).runOnce().assertCompleted();
        run.verify(() -> run.report().assertClean());
    }

    /** A pool's own code is its package loaded from its jar: an application class in the same package is the user's. */
    @Test
    void aUserClassInThePoolsPackageIsNotThePool() {
        RunResult run = AgentRun.scenario(UserClassInHikariPackage.class).runOnce().assertCompleted();
        run.verify(() -> {
            run.report().only(CROSS_THREAD_USE).assertActor("borrower").assertOwner("main")
                    .assertField("resourceClass", "com.zaxxer.hikari.pool.HikariProxyConnection");
            run.report().only(LEAK, EXIT).assertField("resourceClass", "com.zaxxer.hikari.pool.HikariProxyConnection");
        });
    }

    /** A connection given back through its pool's own API to be destroyed is closed: no leak, and no nested borrow after it. */
    @Test
    void connectionsEvictedThroughThePoolsOwnApiAreClosed() {
        RunResult run = AgentRun.scenario(ConnectionsEvictedThroughThePool.class).runOnce().assertCompleted();
        run.verify(() -> run.report().assertClean());
    }

    /** ... while a borrow never given back is still the leak it is. */
    @Test
    void aBorrowNeverGivenBackBesideEvictionsIsALeak() {
        RunResult run = AgentRun.scenario(ConnectionsEvictedThroughThePool.class).args("leak").runOnce().assertCompleted();
        run.verify(() -> {
            Report report = run.report();
            List<FindingLine> leaks = report.findings(LEAK);
            if (leaks.size() != 2) throw report.fail("expected the one borrow from each pool never given back, found " + leaks.size());
            for (FindingLine leak : leaks) leak.assertFirstFrameIn("createdAt", ConnectionsEvictedThroughThePool.class);
            if (!report.findings(NESTED_ACQUIRE).isEmpty()) throw report.fail("an evicted connection is not held");
        });
    }

    /**
     * A pool's own test suite keeps JDBC stubs in the pool's package beside its tests: where a test
     * class was loaded from is never the pool's jar, so the tests' misuse is found as in any suite,
     * and named at the test's own lines, in a subclass of the class that declares the test too.
     */
    @Test
    void aPoolsOwnTestsBesideItsJdbcStubsAreTheApplication() {
        RunResult run = AgentRun.scenario(RunsPoolSuite.class).runOnce().assertCompleted();
        run.verify(() -> {
            Report report = run.report();
            report.only(NESTED_ACQUIRE).assertFirstFrameIn("createdAt", PoolSuiteMisuses.class)
                    .assertFirstFrameIn("actedAt", PoolSuiteMisuses.class);
            List<FindingLine> leaks = report.findings(LEAK); // EXIT, or OWNER_THREAD_ENDED when the launcher ran the test on a worker
            if (leaks.size() != 2) throw report.fail("expected the two borrowed connections never returned, found " + leaks.size());
            for (FindingLine leak : leaks) leak.assertFirstFrameIn("createdAt", PoolSuiteMisuses.class);
        });
    }
}
