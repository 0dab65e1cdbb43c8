package io.connguard.cli;

import io.connguard.contract.Kind;
import io.connguard.agent.ConnguardAgent;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
        "                      comma-separated: " + Kind.names() + ", or any",
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

    private static final String FORMATS = "text, html, sarif, json";
    private static final String OPTIONS = "--format, --fail-on, --baseline, --write-baseline, --output, --help";

    private final PrintStream out;
    private final PrintStream err;
    private final Path workingDirectory;

    ReportCommand(PrintStream out, PrintStream err, Path workingDirectory) {
        this.out = out;
        this.err = err;
        this.workingDirectory = workingDirectory;
    }

    int run(List<String> args) throws UsageException {
        String format = "text";
        String output = null;
        String baselineName = null;
        String writeBaseline = null;
        Set<String> failOn = new LinkedHashSet<>();
        String failOnText = null;
        List<String> files = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                files.add(arg);
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--":
                    optionsEnded = true;
                    break;
                case "--help":
                case "-h":
                    out.println(USAGE);
                    return 0;
                case "--format":
                    if (value == null) value = value(args, ++i, "--format", "valid: " + FORMATS);
                    format = value;
                    if (!List.of("text", "html", "sarif", "json").contains(format)) {
                        throw new UsageException("connguard report: unknown format '" + format + "' for --format; valid: " + FORMATS);
                    }
                    break;
                case "--fail-on":
                    if (value == null) value = value(args, ++i, "--fail-on", "valid: " + Kind.names() + ", any");
                    failOnText = value;
                    failOn.addAll(kinds(value));
                    break;
                case "--baseline":
                    if (value == null) value = value(args, ++i, name, "give a baseline file, written by --write-baseline");
                    baselineName = value;
                    break;
                case "--write-baseline":
                    if (value == null) value = value(args, ++i, name, "give a file name, such as connguard-baseline.json");
                    writeBaseline = value;
                    break;
                case "--output":
                case "-o":
                    if (value == null) value = value(args, ++i, name, "give a file name");
                    output = value;
                    break;
                default:
                    throw new UsageException("connguard report: unknown option '" + arg + "'; valid: " + OPTIONS);
            }
        }
        if (files.isEmpty()) {
            throw new UsageException("connguard report: no report files given; try: java -jar connguard-agent.jar report target/connguard/*.jsonl");
        }

        Map<Path, String> inputs = expand(files);
        if (output != null) refuseOutputAmongInputs(workingDirectory.resolve(output), "--output", output, inputs);
        if (writeBaseline != null) refuseOutputAmongInputs(workingDirectory.resolve(writeBaseline), "--write-baseline", writeBaseline, inputs);
        Baseline baseline = baselineName == null ? null : Baseline.read(workingDirectory.resolve(baselineName), baselineName);
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
        MergedReport report = reader.merged();
        if (baseline != null) report.compare(baseline, baselineName);
        if (writeBaseline != null) {
            write(writeBaseline, Baseline.write(report.sites));
            err.println("connguard report: baseline of " + TextFormat.plural(report.sites.size(), "site") + " written to " + writeBaseline);
        }

        String text;
        switch (format) {
            case "html": text = HtmlFormat.write(report); break;
            case "sarif": text = SarifFormat.write(report, ConnguardAgent.version(), new SourceRoots(workingDirectory)); break;
            case "json": text = JsonFormat.write(report); break;
            default: text = TextFormat.write(report);
        }
        if (output == null) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
            out.flush();
        } else {
            write(output, text);
            err.println("connguard report: " + TextFormat.plural(report.findings(), "finding") + " at "
                + TextFormat.plural(report.sites.size(), "site") + "; " + format + " written to " + output);
        }

        if (baseline != null) sayFixed(report);
        if (failOn.isEmpty()) return 0;
        long matched = 0;
        long known = 0;
        Set<String> matchedKinds = new LinkedHashSet<>();
        for (MergedSite s : report.sites) {
            if (!failOn.contains("any") && !failOn.contains(s.kind)) continue;
            if (s.baselined) {
                known += s.count;
                continue;
            }
            matched += s.count;
            matchedKinds.add(s.kind);
        }
        String inBaseline = known == 0 ? "" : "; " + TextFormat.plural(known, "finding") + " at sites the baseline " + baselineName + " lists";
        if (matched == 0) {
            if (known > 0) err.println("connguard report: passing" + inBaseline);
            return 0;
        }
        err.println("connguard report: failing, " + TextFormat.plural(matched, "finding") + " of " + String.join(", ", matchedKinds)
            + (baseline == null ? "" : " at sites not in the baseline " + baselineName) + " (--fail-on " + failOnText + ")" + inBaseline);
        return 1;
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

    /**
     * Writing over a report before reading it again would destroy it, and the next gate would pass on
     * what is left: refuse an output that is one of the inputs, by file identity (links, other
     * spellings of the path), not only by name.
     */
    private static void refuseOutputAmongInputs(Path target, String option, String output, Map<Path, String> inputs) throws UsageException {
        if (!Files.exists(target)) return; // every input exists, so a new file is none of them
        for (Map.Entry<Path, String> input : inputs.entrySet()) {
            boolean same;
            try {
                same = Files.isSameFile(target, input.getKey());
            } catch (IOException e) {
                same = target.toAbsolutePath().normalize().equals(input.getKey().toAbsolutePath().normalize());
            }
            if (same) {
                throw new UsageException("connguard report: " + option + " " + output + " is the input report " + input.getValue()
                    + "; writing it would destroy that report; give " + option + " a file that is not among the inputs");
            }
        }
    }

    private static String value(List<String> args, int i, String option, String hint) throws UsageException {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException("connguard report: " + option + " needs a value; " + hint);
        }
        return args.get(i);
    }

    private static Set<String> kinds(String list) throws UsageException {
        Set<String> out = new LinkedHashSet<>();
        for (String part : list.split(",", -1)) {
            String k = part.trim();
            if (k.equalsIgnoreCase("any")) {
                out.add("any");
            } else if (Kind.of(k.toUpperCase(Locale.ROOT)) != null) {
                out.add(k.toUpperCase(Locale.ROOT));
            } else {
                throw new UsageException("connguard report: unknown kind '" + k + "' for --fail-on; valid: " + Kind.names() + ", any");
            }
        }
        return out;
    }

    /**
     * Each file once (a glob and its directory may overlap), by absolute path, to the name the
     * output calls it: as given, or for a directory's {@code *.jsonl} files (in name order) the
     * directory as given and the file name.
     */
    private Map<Path, String> expand(List<String> names) throws UsageException {
        Map<Path, String> out = new LinkedHashMap<>();
        for (String name : names) {
            Path p = workingDirectory.resolve(name).normalize();
            if (!Files.exists(p)) throw new UsageException("connguard report: no such file: " + name);
            if (!Files.isDirectory(p)) {
                out.putIfAbsent(p, name);
                continue;
            }
            List<Path> inDir = new ArrayList<>();
            try (DirectoryStream<Path> jsonl = Files.newDirectoryStream(p, "*.jsonl")) {
                for (Path f : jsonl) inDir.add(f);
            } catch (IOException e) {
                throw new UsageException("connguard report: cannot read " + name + ": " + e);
            }
            if (inDir.isEmpty()) throw new UsageException("connguard report: no *.jsonl files in " + name);
            inDir.sort(null);
            for (Path f : inDir) out.putIfAbsent(f.normalize(), Paths.get(name).resolve(f.getFileName()).normalize().toString());
        }
        return out;
    }

    static Path cwd() {
        return Paths.get("").toAbsolutePath();
    }
}
