package io.connguard.report;

import io.connguard.options.Options;
import java.util.Map;

/** A {@link Reporter} as the agent makes one, for tests that hand it findings directly. */
public final class TestReporter {
    private TestReporter() {}

    /** {@code agentArgs}: the agent argument ({@code report=FILE,...}); the version written is 9.9.9. */
    public static Reporter of(String agentArgs) {
        Options options = Options.parse(agentArgs, Map.of(), Map.of());
        return new Reporter(options, JsonLinesSink.open(options.report()), "9.9.9");
    }
}
