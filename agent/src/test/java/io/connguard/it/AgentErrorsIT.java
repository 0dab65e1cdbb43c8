package io.connguard.it;

import static io.connguard.contract.Kind.Names.CROSS_THREAD_USE;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.connguard.it.scenarios.LoaderThatThrowsForUnknownNames;

/**
 * connguard never calls into the application to decide anything: a class loader that throws for
 * names it does not know changes nothing the program does or prints, costs connguard no error, and
 * the JDBC classes it loads are watched like any other.
 */
@Execution(ExecutionMode.CONCURRENT)
class AgentErrorsIT {

    private static RunResult throwingLoader(String mode) {
        return AgentRun.scenario(LoaderThatThrowsForUnknownNames.class).args(mode).runOnce().assertCompleted();
    }

    private static void assertNoInternalError(RunResult run) {
        run.verify(() -> {
            if (run.stderr().contains("connguard internal error")) throw run.report().fail("an internal error on stderr");
            if (run.report().lines().stream().anyMatch(n -> "internalError".equals(n.path("type").asText()))) {
                throw run.report().fail("an internalError line in the report");
            }
            if (run.report().summary().path("internalErrors").asLong() != 0) throw run.report().fail("the summary counts internal errors");
        });
    }

    @Test
    void aClassLoaderThatThrowsForUnknownNamesRunsAsWithoutConnguard() {
        RunResult run = throwingLoader("correct");
        RunResult without = AgentRun.scenario(LoaderThatThrowsForUnknownNames.class).args("correct").withoutAgent().runOnce();
        run.verify(() -> {
            if (!without.stdout().contains("closed: true") || !without.stdout().contains("done")) {
                throw new AssertionError("the scenario does not run even without connguard: fix the test\n" + without.stdout() + without.stderr());
            }
        });
        Unchanged.assertSameStdoutAndExit(run, without);
        Unchanged.assertOnlyConnguardsLinesAdded(run, without);
        assertNoInternalError(run);
        run.verify(() -> run.report().assertClean());
    }

    @Test
    void theJdbcClassesOfAClassLoaderThatThrowsAreWatched() {
        RunResult run = throwingLoader("misuse");
        assertNoInternalError(run);
        run.verify(() -> {
            run.report().single("CROSS_THREAD_USE by odd-user", x -> CROSS_THREAD_USE.equals(x.kind()) && "odd-user".equals(x.actorName()))
                    .assertField("resource", "Connection")
                    .assertResourceClassStartsWith("org.sqlite.")
                    .assertOwner("main")
                    .assertFirstFrameIn("createdAt", LoaderThatThrowsForUnknownNames.class)
                    .assertFirstFrameIn("actedAt", LoaderThatThrowsForUnknownNames.class);
            if (run.report().findings().size() != 1) throw run.report().fail("expected the one misuse, nothing else");
        });
    }
}
