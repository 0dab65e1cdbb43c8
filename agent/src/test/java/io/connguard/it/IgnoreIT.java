package io.connguard.it;

import static io.connguard.contract.LeakCause.Names.EXIT;
import static io.connguard.contract.Kind.Names.LEAK;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.connguard.it.scenarios.ConnectionsOpenAtExit;
import io.connguard.it.scenarios.WorkerUsesMainsConnection;

/**
 * The {@code ignore} option: a leak at an ignored method is left out of the findings but counted in
 * the summary, and a leak elsewhere in the same run is still reported; in strict mode an ignored
 * misuse does not throw.
 */
class IgnoreIT {
    private static final String MAIN = ConnectionsOpenAtExit.class.getName() + ".main";

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#primary")
    void anIgnoredLeakIsCountedInTheSummaryAndAnotherLeakIsStillReported(Jdk jdk) {
        // main's connection is opened in main; the daemon thread's in a lambda, whose stack has no main frame
        RunResult run = AgentRun.scenario(ConnectionsOpenAtExit.class).jdk(jdk)
                .option("ignore", "LEAK:" + MAIN + ";com.example.nothing.*")
                .runOnce().assertCompleted();
        run.verify(() -> {
            Report report = run.report();
            FindingLine kept = report.only(LEAK, EXIT);
            kept.assertThat("daemon-holder".equals(kept.ownerName()), "the leak that no pattern names is reported");
            JsonNode ignored = report.summary().path("ignored");
            if (ignored.path("findings").asLong() != 1) throw report.fail("the summary must count the one ignored leak");
            JsonNode first = ignored.path("patterns").path(0);
            if (!("LEAK:" + MAIN).equals(first.path("pattern").asText()) || first.path("kinds").path("LEAK").asLong() != 1) {
                throw report.fail("the ignored leak must be counted under its pattern and kind");
            }
            if (!"com.example.nothing.*".equals(ignored.path("patterns").path(1).path("pattern").asText())) {
                throw report.fail("a pattern that matched nothing must still be listed");
            }
            if (report.summary().path("findings").asLong() != 1) throw report.fail("the ignored leak is not a finding");
            if (!run.stderr().contains("1 more left out by the ignore option")) throw report.fail("the exit log line must say one was left out");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#primary")
    void strictModeLetsAnIgnoredMisuseSucceed(Jdk jdk) {
        RunResult run = AgentRun.scenario(WorkerUsesMainsConnection.class).jdk(jdk).option("mode", "strict")
                .option("ignore", "CROSS_THREAD_USE:" + WorkerUsesMainsConnection.class.getName() + ".*")
                .runOnce().assertCompleted();
        run.verify(() -> {
            if (!run.stdout().contains("call succeeded")) throw new AssertionError("an ignored misuse must not throw in strict mode");
            Report report = run.report();
            if (!report.findings().isEmpty()) throw report.fail("the ignored use is no finding");
            if (report.summary().path("ignored").path("findings").asLong() != 1) throw report.fail("the ignored use must be counted");
        });
    }
}
