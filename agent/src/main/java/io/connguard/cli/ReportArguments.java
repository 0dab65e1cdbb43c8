package io.connguard.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The {@code report} command's arguments, parsed and checked (see {@link ReportCommand#USAGE}). */
final class ReportArguments {
    private static final List<String> FORMATS = List.of("text", "html", "sarif", "json");
    private static final String OPTIONS = "--format, --fail-on, --baseline, --write-baseline, --output, --help";
    private static final ReportArguments HELP = new ReportArguments(true, "text", null, null, null, null, null, new ArrayList<>());

    /** {@code --help} was given: nothing else was looked at after it. */
    final boolean help;
    /** One of text, html, sarif, json. */
    final String format;
    /** As given, relative to the working directory; null: standard output. */
    final String output;
    final String baselineName;
    final String writeBaseline;
    /** The kinds {@code --fail-on} names; null: no gate. */
    final GatedKinds failOn;
    /** The {@code --fail-on} values as given, joined by commas, for the gate's message. */
    final String failOnText;
    /** Report files and directories as given, never empty unless {@link #help}. */
    final List<String> files;

    private ReportArguments(boolean help, String format, String output, String baselineName, String writeBaseline,
                            GatedKinds failOn, String failOnText, List<String> files) {
        this.help = help;
        this.format = format;
        this.output = output;
        this.baselineName = baselineName;
        this.writeBaseline = writeBaseline;
        this.failOn = failOn;
        this.failOnText = failOnText;
        this.files = Collections.unmodifiableList(files);
    }

    /**
     * Parses {@code args}, left to right: options take their value as the next argument or after
     * {@code =}; {@code --} ends the options; {@code -} and anything not starting with {@code -} is
     * a file. Returns as soon as {@code --help} or {@code -h} is seen.
     *
     * @throws UsageException for an unknown option, format or kind, a missing value, or no files
     */
    static ReportArguments parse(List<String> args) throws UsageException {
        String format = "text";
        String output = null;
        String baselineName = null;
        String writeBaseline = null;
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
                    return HELP;
                case "--format":
                    if (value == null) value = value(args, ++i, "--format", "valid: " + formats());
                    format = value;
                    if (!FORMATS.contains(format)) {
                        throw new UsageException("connguard report: unknown format '" + format + "' for --format; valid: " + formats());
                    }
                    break;
                case "--fail-on":
                    if (value == null) value = value(args, ++i, "--fail-on", "valid: " + GatedKinds.valid());
                    failOnText = failOnText == null ? value : failOnText + "," + value;
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
        GatedKinds failOn = failOnText == null ? null : gatedKinds(failOnText);
        return new ReportArguments(false, format, output, baselineName, writeBaseline, failOn, failOnText, files);
    }

    private static String formats() {
        return String.join(", ", FORMATS);
    }

    private static String value(List<String> args, int i, String option, String hint) throws UsageException {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException("connguard report: " + option + " needs a value; " + hint);
        }
        return args.get(i);
    }

    /** The kinds {@code list}, the {@code --fail-on} values, names. */
    private static GatedKinds gatedKinds(String list) throws UsageException {
        try {
            return GatedKinds.parse(list);
        } catch (IllegalArgumentException e) {
            throw new UsageException("connguard report: " + e.getMessage() + " for --fail-on; valid: " + GatedKinds.valid());
        }
    }
}
