package io.connguard.maven;

import io.connguard.cli.BuildReport;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Merges the reports the test JVMs of this build wrote (one per Surefire or Failsafe fork, so
 * leaks found at a fork's exit are in), prints the findings into the build log one block per site
 * with the stacks that name the test, writes {@code report.html} and {@code report.sarif} beside
 * the reports, and fails the build when findings of a kind in {@code failOn} exist at sites the
 * baseline ({@code connguard-baseline.json} in the module, when there is one) does not list.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class CheckMojo extends AbstractMojo {
    /** The directory {@code prepare-agent} sent the reports to; its {@code *.jsonl} files are read. */
    @Parameter(defaultValue = "${project.build.directory}/connguard", required = true)
    private File reportDirectory;

    /**
     * The kinds that fail the build, comma separated: {@code CROSS_THREAD_USE}, {@code CONCURRENT_USE},
     * {@code WRONG_THREAD_CLOSE}, {@code LEAK}, ...; {@code any} (every kind, the default) or {@code none}
     * (report only).
     */
    @Parameter(property = "connguard.failOn", defaultValue = "any")
    private String failOn;

    /** Source folders under this directory locate findings in the SARIF file, as code-scanning tools expect. */
    @Parameter(defaultValue = "${session.executionRootDirectory}", readonly = true)
    private File sourceRoot;

    /**
     * Sites accepted for now, written by {@code writeBaseline} (or {@code report --write-baseline}):
     * findings at them are shown as known and do not fail the build. Without this parameter,
     * {@code connguard-baseline.json} in the module's directory when it exists; a file named here
     * must exist.
     */
    @Parameter(property = "connguard.baseline")
    private File baseline;

    /**
     * Writes the findings' sites to the baseline file (the {@code baseline} parameter, or
     * {@code connguard-baseline.json} in the module's directory) instead of failing: how a code base
     * with known findings adopts the gate. Commit the file; later builds fail only on new sites.
     */
    @Parameter(property = "connguard.writeBaseline", defaultValue = "false")
    private boolean writeBaseline;

    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    private File basedir;

    /** Does nothing. */
    @Parameter(property = "connguard.skip", defaultValue = "false")
    private boolean skip;

    /** Where Surefire and Failsafe write their test reports by default: whether tests ran in this build. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    private File buildDirectory;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("connguard: skipped");
            return;
        }
        FailOn gate = FailOn.parse(failOn);
        List<Path> reports = reports();
        if (reports.isEmpty()) {
            noReports(gate);
            return;
        }
        BuildReport report;
        try {
            report = BuildReport.read(reports, getLog()::warn);
        } catch (IOException e) {
            throw new MojoExecutionException("connguard: cannot read the reports in " + reportDirectory + ": " + e);
        }
        Path baselineFile = baselineFile(baseline, basedir);
        if (writeBaseline) {
            try {
                report.writeBaseline(baselineFile);
            } catch (IOException e) {
                throw new MojoExecutionException("connguard: cannot write the baseline " + baselineFile + ": " + e);
            }
            getLog().info("connguard: the sites of these findings were written to " + baselineFile + "; commit it, and"
                + " later builds fail only on sites it does not list");
        } else if (baseline != null || Files.exists(baselineFile)) {
            if (!Files.exists(baselineFile)) {
                throw new MojoExecutionException("connguard: no such baseline file: " + baselineFile
                    + "; write it from this build's findings with -Dconnguard.writeBaseline=true");
            }
            try {
                report.compareWithBaseline(baselineFile, baselineFile.toString());
            } catch (IOException e) {
                throw new MojoExecutionException(e.getMessage());
            }
        }
        Path html = write("report.html", report.html());
        write("report.sarif", report.sarif(sourceRoot == null ? null : sourceRoot.toPath()));

        for (String line : report.text().split("\\R")) {
            if (report.findings() == 0) getLog().info(line);
            else getLog().warn(line);
        }
        Map<String, Long> failing = writeBaseline ? Map.of() : gate.failing(report);
        if (!writeBaseline && gate.gates() && report.internalErrors() > 0) {
            long n = report.internalErrors();
            throw new MojoFailureException("connguard: " + n + (n == 1 ? " internal error" : " internal errors") + " of connguard's in the"
                + " tests' runs: detection was incomplete, so the build cannot pass on it; the first is listed above and in " + html);
        }
        if (failing.isEmpty()) {
            if (report.findings() > 0 && !writeBaseline) getLog().info("connguard: " + whyPassing(gate, report) + "; the report is " + html);
            return;
        }
        long n = 0;
        StringBuilder kinds = new StringBuilder();
        for (Map.Entry<String, Long> k : failing.entrySet()) {
            n += k.getValue();
            kinds.append(kinds.length() == 0 ? "" : ", ").append(k.getValue()).append(' ').append(k.getKey());
        }
        throw new MojoFailureException("connguard: " + n + (n == 1 ? " finding" : " findings") + " (" + kinds
            + "), listed above and in " + html);
    }

    /**
     * No test JVM wrote a report. If tests ran in this build (a test report Surefire or Failsafe
     * wrote since the build started), they ran without the agent, and a gate that passed would vouch
     * for what nobody checked: that fails the build, unless {@code failOn} is {@code none}.
     */
    private void noReports(FailOn gate) throws MojoFailureException {
        List<String> ran = testReportsOfThisBuild();
        if (ran.isEmpty()) {
            getLog().info("connguard: no tests ran in this build (no new TEST-*.xml in " + buildDirectory.toPath().resolve("surefire-reports")
                + " or failsafe-reports) and no reports in " + reportDirectory + ": nothing to check");
            return;
        }
        String message = "connguard: tests ran (" + String.join(", ", ran) + ") but wrote no report to " + reportDirectory
            + ": they ran without the agent (prepare-agent must run before them, an <argLine> set for Surefire or Failsafe must"
            + " contain @{argLine}, and forkCount=0 runs tests in Maven's own JVM, which has no agent)";
        if (gate.gates()) throw new MojoFailureException(message);
        getLog().warn(message);
    }

    /**
     * The default test report directories that hold a {@code TEST-*.xml} written since this build
     * started; none when Maven gives no start time (a Maven embedded elsewhere may not).
     */
    private List<String> testReportsOfThisBuild() throws MojoFailureException {
        Date start = session.getRequest().getStartTime();
        if (start == null) return List.of();
        long started = start.getTime();
        List<String> ran = new ArrayList<>();
        for (String name : List.of("surefire-reports", "failsafe-reports")) {
            Path dir = buildDirectory.toPath().resolve(name);
            if (!Files.isDirectory(dir)) continue;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "TEST-*.xml")) {
                for (Path f : files) {
                    if (Files.getLastModifiedTime(f).toMillis() >= started) {
                        ran.add(name);
                        break;
                    }
                }
            } catch (IOException e) {
                throw new MojoFailureException("connguard: cannot list the test reports in " + dir + ": " + e);
            }
        }
        return ran;
    }

    /** Why no finding fails the build: all the gated ones are at sites the baseline lists, or none is gated. */
    private String whyPassing(FailOn gate, BuildReport report) {
        long known = 0;
        for (long n : gate.gated(report.findingsByKind()).values()) known += n;
        if (known == 0) return "failOn " + gate + " lets these pass";
        return (known == 1 ? "the finding that would fail the build" : "the " + known + " findings that would fail the build")
            + " (failOn " + gate + ") " + (known == 1 ? "is" : "are") + " at sites the baseline " + baselineFile(baseline, basedir) + " lists";
    }

    /** The baseline configured, else {@code connguard-baseline.json} in {@code basedir} (which may not exist). */
    static Path baselineFile(File configured, File basedir) {
        return configured != null ? configured.toPath() : basedir.toPath().resolve("connguard-baseline.json");
    }

    private List<Path> reports() throws MojoExecutionException {
        List<Path> out = new ArrayList<>();
        Path dir = reportDirectory.toPath();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jsonl")) {
            for (Path f : files) out.add(f);
        } catch (IOException e) {
            throw new MojoExecutionException("connguard: cannot list the reports in " + dir + ": " + e);
        }
        out.sort(null);
        return out;
    }

    private Path write(String name, String text) throws MojoExecutionException {
        Path file = reportDirectory.toPath().resolve(name);
        try {
            Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MojoExecutionException("connguard: cannot write " + file + ": " + e);
        }
        return file;
    }
}
