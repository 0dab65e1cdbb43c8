package io.connguard.it;

import static io.connguard.contract.Kind.Names.CROSS_THREAD_USE;
import static io.connguard.contract.Kind.Names.LEAK;
import static io.connguard.contract.LeakCause.Names.PARENT_CLOSED;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.connguard.it.scenarios.RunsGroovy;

/**
 * Groovy 3 calls each Java method through a call site class it generates and its runtime: a finding
 * names the Groovy line, and a stack shows none of Groovy's plumbing.
 */
@Execution(ExecutionMode.CONCURRENT)
class GroovyIT {
    private static final String SCRIPT = "com.example.groovy.LeaksFromGroovy";

    @Test
    void groovysCallSitesAndRuntimeAreNotTheApplications() {
        RunResult run = AgentRun.scenario(RunsGroovy.class).args("LeaksFromGroovy.groovy", "jdbc:sqlite::memory:").runOnce().assertCompleted();
        run.verify(() -> {
            Report report = run.report();
            FindingLine leak = report.only(LEAK, PARENT_CLOSED);
            leak.assertThat(leak.createdAt().equals(List.of(SCRIPT + ".rows(LeaksFromGroovy.groovy:16)")),
                    "createdAt is the Groovy line that made the statement");
            leak.assertThat(leak.actedAt().get(0).equals(SCRIPT + ".main(LeaksFromGroovy.groovy:25)"), "actedAt starts at the Groovy line that closed the connection");
            FindingLine cross = report.only(CROSS_THREAD_USE).assertOwner("main").assertActor("worker");
            cross.assertThat(cross.actedAt().get(0).equals(SCRIPT + "$_main_closure1.doCall(LeaksFromGroovy.groovy:22)"), "the use is the closure's line");
            cross.assertThat(cross.createdAt().get(0).equals(SCRIPT + ".main(LeaksFromGroovy.groovy:20)"), "the open is main's line");
            if (report.findings().size() != 2) throw report.fail("expected the leak and the cross-thread use, nothing else");
            for (FindingLine f : report.findings()) assertNoPlumbing(report, f);
        });
    }

    /** No frame of Groovy's runtime or of a call site class it generated in any stack of the finding. */
    private static void assertNoPlumbing(Report report, FindingLine f) {
        for (String field : new String[] {"createdAt", "actedAt", "connectionCreatedAt"}) {
            for (String frame : f.frames(field)) {
                if (frame.startsWith("org.codehaus.groovy.") || frame.startsWith("groovy.lang.")
                        || frame.contains("$") && frame.contains(".call(Unknown Source)")) {
                    throw report.fail(field + " shows Groovy's plumbing: " + frame);
                }
            }
        }
    }
}
