package io.connguard.cli;

import io.connguard.agent.ConnguardAgent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The reports of a build merged by site, for a build tool that calls the {@code report} command's
 * code as a library instead of running the jar (the Maven plugin's {@code check} goal): the same
 * merge, the same text, HTML and SARIF, and the same counts per kind.
 */
public final class BuildReport {
    private final MergedReport report;

    private BuildReport(MergedReport report) {
        this.report = report;
    }

    /**
     * Reads and merges JSON lines reports, one per JVM.
     *
     * @param files the report files, in the order the output lists them
     * @param warnings receives one line for each damaged line skipped (a JVM killed mid-write)
     * @return the merged report
     * @throws IOException when a file cannot be read
     */
    public static BuildReport read(List<Path> files, Consumer<String> warnings) throws IOException {
        ByteArrayOutputStream warned = new ByteArrayOutputStream();
        ReportReader reader = new ReportReader(new PrintStream(warned, true, StandardCharsets.UTF_8));
        try {
            for (Path file : files) reader.read(file);
        } finally {
            for (String line : warned.toString(StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isEmpty()) warnings.accept(line);
            }
        }
        return new BuildReport(reader.merged());
    }

    /**
     * Compares the sites with a baseline file written by {@code report --write-baseline}, as
     * {@code report --baseline} does: the formats then mark the known sites and list the fixed ones,
     * and {@link #findingsByKindOutsideBaseline()} leaves the known ones out.
     *
     * @param file the baseline file
     * @param name how messages call it (the path as configured)
     * @throws IOException with a one-line message when the file is missing, unreadable or not a baseline
     */
    public void compareWithBaseline(Path file, String name) throws IOException {
        try {
            report.compare(Baseline.read(file, name), name);
        } catch (UsageException e) {
            throw new IOException(e.getMessage());
        }
    }

    /**
     * Writes the sites as a baseline file, as {@code report --write-baseline} does.
     *
     * @throws IOException when the file cannot be written
     */
    public void writeBaseline(Path file) throws IOException {
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        Files.write(file, Baseline.write(report.sites).getBytes(StandardCharsets.UTF_8));
    }

    /** The terminal summary of {@code report --format text}: one block per site, worst first. */
    public String text() {
        return TextFormat.write(report);
    }

    /** The self-contained page of {@code report --format html}. */
    public String html() {
        return HtmlFormat.write(report);
    }

    /**
     * SARIF 2.1.0 of {@code report --format sarif}.
     *
     * @param projectDirectory the directory whose source folders locate each site's file
     */
    public String sarif(Path projectDirectory) {
        return SarifFormat.write(report, ConnguardAgent.version(), new SourceRoots(projectDirectory));
    }

    /** All occurrences, summed over sites. */
    public long findings() {
        return report.findings();
    }

    /** The agent's own errors in these runs; above 0, its detection was incomplete. */
    public long internalErrors() {
        return report.internalErrors;
    }

    /** Occurrences per kind, worst kind first; kinds without any are left out. */
    public Map<String, Long> findingsByKind() {
        return report.kinds();
    }

    /**
     * Occurrences per kind at sites the baseline (see {@link #compareWithBaseline}) does not know,
     * worst kind first; all of them without a baseline. What a gate fails on.
     */
    public Map<String, Long> findingsByKindOutsideBaseline() {
        return report.kindsOutsideBaseline();
    }

    /** The baseline's sites that no report has: fixed, or not run. Empty without a baseline. */
    public int fixedSinceBaseline() {
        return report.fixed.size();
    }
}
