package io.connguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.connguard.it.scenarios.LoaderThatThrowsForUnknownNames;

/** connguard's own failures: the application runs on, and the failure is logged once, in one line, and reported. */
@Execution(ExecutionMode.CONCURRENT)
class AgentErrorsIT {

    @Test
    void aClassLoaderThatThrowsIsOneInternalErrorInTheReport() {
        RunResult run = AgentRun.scenario(LoaderThatThrowsForUnknownNames.class).runOnce().assertCompleted();
        run.verify(() -> {
            if (!run.stdout().contains("closed: true")) throw new AssertionError("the application did not run as it would without connguard");
            long errorLines = run.stderrLines().stream().filter(l -> l.contains("connguard internal error")).count();
            if (errorLines != 1) throw run.report().fail("expected the internal error logged once, got " + errorLines);
            if (run.stderrLines().stream().anyMatch(l -> l.startsWith("\tat "))) throw run.report().fail("a stack trace in the application's output");
            JsonNode error = run.report().lines().stream().filter(n -> "internalError".equals(n.path("type").asText()))
                    .findFirst().orElseThrow(() -> run.report().fail("no internalError line"));
            if (!error.path("error").asText().contains("NullPointerException")) throw run.report().fail("the line does not name the cause");
            if (run.report().summary().path("internalErrors").asLong() < 1) throw run.report().fail("the summary does not count it");
        });
    }
}
