package io.connguard.sample;

/** One JDBC threading mistake, or its fix, played out so that a reader can match it to what connguard prints. */
public interface Scenario {

    /**
     * What {@code --scenario} takes. The scenario's table is this name with underscores
     * ({@code shared-connection} writes to {@code shared_connection}); it exists while {@link #run} runs.
     */
    String name();

    /** One line: what the code does. */
    String description();

    /** What connguard should report for it, in the report's own words, or {@code nothing}. */
    String expectedFinding();

    void run(Database db) throws Exception;
}
