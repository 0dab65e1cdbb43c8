package io.connguard.it;

import static io.connguard.contract.Kind.Names.LEAK;
import static io.connguard.contract.LeakCause.Names.PARENT_CLOSED;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.connguard.it.scenarios.RunsCucumber;
import io.connguard.it.scenarios.RunsGroovy;

/**
 * Test frameworks beside JUnit and TestNG, each through its own runner: the feature or step is the
 * test, and a stack ends there, never showing the runner's frames as the application's.
 */
@Execution(ExecutionMode.CONCURRENT)
class SpockAndCucumberIT {
    private static final String SPEC = "com.example.groovy.StatementLeftOpenSpec";
    private static final String STEPS = "com.example.cucumber.LeakSteps";

    @Test
    void aSpockFeatureIsTheTestAndItsRunnerIsNotShown() {
        RunResult run = AgentRun.scenario(RunsGroovy.class).args("StatementLeftOpenSpec.groovy").runOnce().assertCompleted();
        run.verify(() -> {
            Report report = run.report();
            FindingLine leak = report.only(LEAK, PARENT_CLOSED).assertField("createdInTest", SPEC + ".$spock_feature_0_0");
            leak.assertThat(leak.createdAt().equals(List.of(SPEC + ".$spock_feature_0_0(StatementLeftOpenSpec.groovy:15)")), "createdAt is the feature's line");
            leak.assertThat(leak.connectionCreatedAt().equals(List.of(SPEC + ".$spock_feature_0_0(StatementLeftOpenSpec.groovy:12)")),
                    "the connection's stack ends at the feature method");
            leak.assertThat(leak.actedAt().equals(List.of(SPEC + ".$spock_feature_0_0(StatementLeftOpenSpec.groovy:16)")), "so does the close's");
            if (report.findings().size() != 1) throw report.fail("expected the one leak");
        });
    }

    /** Spock's mocks and stubs of JDBC types hold no resource: left open, or closed and verified, they are no finding. */
    @Test
    void aSpockMockOfAConnectionIsNoResource() {
        RunResult run = AgentRun.scenario(RunsGroovy.class).args("MockedConnectionSpec.groovy").runOnce().assertCompleted();
        run.verify(() -> run.report().assertClean());
    }

    @Test
    void aCucumberStepIsTheTestAndItsRunnerIsNotShown() {
        RunResult run = AgentRun.scenario(RunsCucumber.class).runOnce().assertCompleted();
        run.verify(() -> {
            Report report = run.report();
            String step = STEPS + ".aStatementLeftOpen";
            FindingLine leak = report.only(LEAK, PARENT_CLOSED).assertField("createdInTest", step);
            leak.assertThat(leak.createdAt().equals(List.of(step + "(LeakSteps.java:18)")), "createdAt is the step's line");
            leak.assertThat(leak.connectionCreatedAt().equals(List.of(step + "(LeakSteps.java:17)")),
                    "the connection's stack ends at the step");
            leak.assertThat(leak.actedAt().equals(List.of(step + "(LeakSteps.java:19)")), "so does the close's");
            if (report.findings().size() != 1) throw report.fail("expected the one leak");
        });
    }
}
