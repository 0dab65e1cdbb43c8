package io.connguard.cli;

import io.connguard.contract.Kind;
import io.connguard.agent.ConnguardAgent;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code report [--format text|html|sarif|json] [--fail-on KIND,...] [--baseline FILE] [--write-baseline FILE]
 * [--output FILE] FILES...}: merges the JSON lines reports of one or more JVMs (test forks), writes
 * them in one format, and with {@code --fail-on} exits 1 when findings of those kinds exist at sites
 * the {@link Baseline} (if any) does not know, which makes it a CI gate.
 */
final class ReportCommand {
    static final String USAGE = String.join("\n",
        "usage: java -jar connguard-agent.jar report [--format text|html|sarif|json] [--fail-on KIND,...]",
        "                                            [--baseline FILE] [--write-baseline FILE] [--output FILE] FILES...",
        "",
        "Merges connguard JSON lines reports (one per JVM, e.g. target/connguard/*.jsonl), counts each site",
        "once across them, and writes the result, worst first.",
        "",
        "  FILES               report files; a directory stands for the *.jsonl files in it",
        "  --format FORMAT     text (default): a summary to read in a terminal",
        "                      html: one self-contained page",
        "                      sarif: SARIF 2.1.0 for code-scanning UIs",
        "                      json: the merged sites as one JSON document",
        "  --fail-on KINDS     exit 1 when findings of these kinds exist (after writing the output);",
        "                      separated by commas or spaces: " + Kind.names() + ", any, or none alone (gates nothing)",
        "  --baseline FILE     sites accepted for now (a file written by --write-baseline): --fail-on fails",
        "                      only on other sites, or on a known place with a new kind; the output marks",
        "                      known sites, and baseline sites no longer seen are listed as fixed",
        "  --write-baseline FILE  write the sites of these reports, without line numbers, as a baseline",
        "  --output FILE, -o   write to FILE instead of standard output",
        "",
        "Exit status: 0 done, 1 findings matched --fail-on, 2 bad arguments, a missing file, a file that is",
        "not a connguard report (empty, no \"start\" line), a bad baseline, or an --output or",
        "--write-baseline that is one of the input reports.",
        "Damaged lines (a JVM killed mid-write) are skipped with a warning on standard error.");

    private final PrintStream out;
    private final PrintStream err;
    private final Path workingDirectory;

    /**
     * @param out receives the report when no {@code --output} is given, and the usage
     * @param err receives warnings, what was written where, and the gate's verdict
     * @param workingDirectory what relative file names are relative to
     */
    ReportCommand(PrintStream out, PrintStream err, Path workingDirectory) {
        this.out = out;
        this.err = err;
        this.workingDirectory = workingDirectory;
    }

    /**
     * Runs the command: reads and merges the reports, compares them with the baseline, writes the
     * baseline and the report, and gates.
     *
     * @param args the arguments after {@code report}
     * @return 0 done, 1 findings matched {@code --fail-on}
     * @throws UsageException (exit status 2) for bad arguments, a missing or unreadable file, a file
     *     that is no report, a bad baseline, an output that is one of the inputs, or a failed write
     */
    int run(List<String> args) throws UsageException {
        ReportArguments a = ReportArguments.parse(args);
        if (a.help) {
            out.println(USAGE);
            return 0;
        }
        Map<Path, String> inputs = ReportFiles.expand(workingDirectory, a.files);
        if (a.output != null) ReportFiles.refuseOutputAmongInputs(workingDirectory.resolve(a.output), "--output", a.output, inputs);
        if (a.writeBaseline != null) {
            ReportFiles.refuseOutputAmongInputs(workingDirectory.resolve(a.writeBaseline), "--write-baseline", a.writeBaseline, inputs);
        }
        Baseline baseline = a.baselineName == null ? null : Baseline.read(workingDirectory.resolve(a.baselineName), a.baselineName);
        MergedReport report = read(inputs);
        if (baseline != null) report.compare(baseline, a.baselineName);
        if (a.writeBaseline != null) writeBaseline(a.writeBaseline, report);
        writeReport(a, format(a.format, report), report);
        if (baseline != null) sayFixed(report);
        return a.failOn == null ? 0 : new FailOnGate(a.failOn, a.failOnText).exitStatus(report, err);
    }

    /** Every input, merged; the files that are no report are named together, in one error. */
    private MergedReport read(Map<Path, String> inputs) throws UsageException {
        ReportReader reader = new ReportReader(err);
        List<String> notReports = new ArrayList<>();
        for (Map.Entry<Path, String> file : inputs.entrySet()) {
            try {
                reader.read(file.getKey(), file.getValue());
            } catch (ReportReader.NotAReportException e) {
                notReports.add(e.getMessage());
            } catch (NoSuchFileException e) {
                throw new UsageException("connguard report: no such file: " + file.getValue());
            } catch (IOException e) {
                throw new UsageException("connguard report: cannot read " + file.getValue() + ": " + e);
            }
        }
        // a file that is no report means a JVM whose findings are unknown: passing would give false confidence
        if (!notReports.isEmpty()) throw new UsageException(String.join("\n", notReports));
        return reader.merged();
    }

    private String format(String format, MergedReport report) {
        switch (format) {
            case "html": return HtmlFormat.write(report);
            case "sarif": return SarifFormat.write(report, ConnguardAgent.version(), new SourceRoots(workingDirectory));
            case "json": return JsonFormat.write(report);
            default: return TextFormat.write(report);
        }
    }

    private void writeBaseline(String name, MergedReport report) throws UsageException {
        write(name, Baseline.write(report.sites));
        err.println("connguard report: baseline of " + TextFormat.plural(report.sites.size(), "site") + " written to " + name);
    }

    /** To standard output, or to {@code --output} with a line on standard error that says what it holds. */
    private void writeReport(ReportArguments a, String text, MergedReport report) throws UsageException {
        if (a.output == null) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
            out.flush();
            return;
        }
        write(a.output, text);
        err.println("connguard report: " + TextFormat.plural(report.findings(), "finding") + " at "
            + TextFormat.plural(report.sites.size(), "site") + "; " + a.format + " written to " + a.output);
    }

    /** Baseline sites not seen: each on a line, so that a team can drop them by writing the baseline again. */
    private void sayFixed(MergedReport report) {
        if (report.fixed.isEmpty()) return;
        err.println("connguard report: " + TextFormat.plural(report.fixed.size(), "baseline site") + " no longer seen (fixed, or not run);"
            + " --write-baseline " + report.baselineName + " drops them:");
        for (Baseline.Entry e : report.fixed) err.println("    fixed: " + e.identity);
    }

    private void write(String name, String text) throws UsageException {
        Path target = workingDirectory.resolve(name);
        try {
            if (target.getParent() != null) Files.createDirectories(target.getParent());
            Files.write(target, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UsageException("connguard report: cannot write " + name + ": " + e);
        }
    }

    /** The JVM's working directory, absolute: what a user's relative file names mean. */
    static Path cwd() {
        return Paths.get("").toAbsolutePath();
    }
}
