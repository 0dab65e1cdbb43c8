package io.connguard.cli;

import static io.connguard.cli.ReportLines.CROSS_SITE;
import static io.connguard.cli.ReportLines.LEAK_SITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.connguard.agent.ConnguardAgent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void reports() throws IOException {
        ReportLines.write(dir, "leaks.jsonl", ReportLines.start(1), ReportLines.leak(3, "w-1"), ReportLines.summary(LEAK_SITE, 4));
        ReportLines.write(dir, "cross.jsonl", ReportLines.start(2), ReportLines.crossThread(), ReportLines.summary(CROSS_SITE, 1));
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), dir);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noArgumentsOrHelpPrintUsage() {
        assertEquals(0, run());
        assertTrue(out().contains("usage: java -jar connguard-agent.jar COMMAND"), out());
        out.reset();
        assertEquals(0, run("--help"));
        assertTrue(out().contains("  report "), out());
        out.reset();
        assertEquals(0, run("report", "--help"));
        assertTrue(out().contains("--fail-on KINDS"), out());
        assertEquals("", err());
    }

    @Test
    void versionPrintsTheVersion() {
        assertEquals(0, run("--version"));
        assertEquals("connguard " + ConnguardAgent.version() + "\n", out());
        assertEquals("", err());
    }

    @Test
    void failOnAKindThatWasFoundExitsOneAfterWritingTheOutput() {
        assertEquals(1, run("report", "--fail-on", "LEAK,CROSS_THREAD_USE", "leaks.jsonl", "cross.jsonl"));
        assertTrue(out().startsWith("connguard report: 5 findings at 2 sites in 2 reports"), out());
        assertEquals("connguard report: failing, 5 findings of LEAK, CROSS_THREAD_USE (--fail-on LEAK,CROSS_THREAD_USE)\n", err());
    }

    @Test
    void failOnKindsThatWereNotFoundExitsZero() {
        assertEquals(0, run("report", "--fail-on=CONCURRENT_USE,WRONG_THREAD_CLOSE", "leaks.jsonl", "cross.jsonl"));
        assertEquals("", err());
    }

    @Test
    void failOnAnyMatchesEveryKind() {
        assertEquals(1, run("report", "--fail-on", "any", "cross.jsonl"));
        assertTrue(err().contains("failing, 1 finding of CROSS_THREAD_USE"), err());
    }

    @Test
    void theGateFailsOnAnEmptyReport() throws IOException {
        Files.createFile(dir.resolve("0.jsonl"));
        assertEquals(2, run("report", "--fail-on", "any", "."));
        assertEquals("", out(), "no output is written for reports that cannot be read");
        assertTrue(err().startsWith("connguard report: 0.jsonl: empty;"), err());
    }

    @Test
    void theGateFailsOnJsonThatIsNoConnguardReport() throws IOException {
        ReportLines.write(dir, "npm.jsonl", "{\"name\":\"x\",\"version\":\"1.0.0\"}", "not json", "{\"name\":\"y\"}");
        assertEquals(2, run("report", "--fail-on", "any", "npm.jsonl", "cross.jsonl"));
        assertEquals("connguard report: npm.jsonl: not a connguard report (no connguard report lines in it)\n", err(),
            "one line: the lines it skipped say nothing more");
    }

    @Test
    void theGateFailsOnAReportWhoseStartLineIsCutOff() throws IOException {
        ReportLines.write(dir, "cut.jsonl", ReportLines.start(5).substring(0, 30), ReportLines.summary());
        assertEquals(2, run("report", "--fail-on", "any", "cut.jsonl"));
        assertTrue(err().contains("cut.jsonl:2: not a connguard report"), err());
    }

    @Test
    void anOutputThatIsAnInputIsRefusedAndTheInputKept() throws IOException {
        byte[] before = Files.readAllBytes(dir.resolve("cross.jsonl"));
        assertEquals(2, run("report", "--format", "json", "--output", "cross.jsonl", "cross.jsonl"));
        assertEquals("connguard report: --output cross.jsonl is the input report cross.jsonl; writing it would destroy that report;"
            + " give --output a file that is not among the inputs\n", err());
        assertEquals(2, run("report", "-o", "./sub/../leaks.jsonl", "."));
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("cross.jsonl")));
    }

    @Test
    void anOutputThatIsAnInputUnderAnotherNameIsRefused() throws IOException {
        Files.createLink(dir.resolve("same.jsonl"), dir.resolve("cross.jsonl"));
        Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(dir.resolve("out/linked.html"), dir.resolve("leaks.jsonl"));
        assertEquals(2, run("report", "--output", "same.jsonl", "cross.jsonl"));
        assertEquals(2, run("report", "--format", "html", "--output", "out/linked.html", "leaks.jsonl"));
        assertTrue(err().contains("--output out/linked.html is the input report leaks.jsonl"), err());
        assertTrue(Files.readString(dir.resolve("leaks.jsonl")).startsWith("{\"type\":\"start\""));
    }

    /** A run whose detection was incomplete says so in every format, and passes no gate, findings or not. */
    @Test
    void internalErrorsAreShownAndFailTheGate() throws IOException {
        ReportLines.write(dir, "odd.jsonl", ReportLines.start(4), ReportLines.internalError(), ReportLines.summaryWithInternalErrors(3));
        assertEquals(1, run("report", "--fail-on", "any", "odd.jsonl"));
        assertTrue(out().contains("3 internal errors of connguard's in these runs: detection was incomplete\n"
            + "    java.lang.IllegalStateException: could not instrument com.example.Odd"), out());
        assertEquals("connguard report: failing, 3 internal errors of connguard's in these runs: detection was incomplete (--fail-on any)\n", err());
        out.reset();
        assertEquals(0, run("report", "--format", "json", "odd.jsonl"));
        assertEquals(3, new ObjectMapper().readTree(out()).path("internalErrors").asLong(), out());
        out.reset();
        assertEquals(0, run("report", "--format", "sarif", "odd.jsonl"));
        assertFalse(new ObjectMapper().readTree(out()).path("runs").path(0).path("invocations").path(0).path("executionSuccessful").asBoolean(true), out());
    }

    @Test
    void failOnWithoutFindingsExitsZero() throws IOException {
        ReportLines.write(dir, "clean.jsonl", ReportLines.start(3), ReportLines.summary());
        assertEquals(0, run("report", "--fail-on", "any", "clean.jsonl"));
    }

    @Test
    void aDirectoryStandsForItsReports() {
        assertEquals(0, run("report", "--format", "json", "."));
        assertTrue(out().contains("\"findings\": 5"), out());
    }

    @Test
    void theSameFileTwiceCountsOnce() {
        assertEquals(0, run("report", "--format", "json", "cross.jsonl", "./cross.jsonl", "."));
        assertTrue(out().contains("\"findings\": 5"), out());
    }

    @Test
    void reportsAreNamedAsGiven() {
        assertEquals(0, run("report", "--format", "json", "cross.jsonl", "."));
        assertTrue(out().contains("\"reports\": [\n    \"cross.jsonl\",\n    \"leaks.jsonl\"\n  ]"), out());
    }

    @Test
    void outputGoesToTheFileAndALineToStderr() throws IOException {
        assertEquals(1, run("report", "--format", "sarif", "--output", "out/connguard.sarif", "--fail-on", "LEAK", "leaks.jsonl"));
        assertEquals("", out());
        Path sarif = dir.resolve("out/connguard.sarif");
        assertEquals("2.1.0", new ObjectMapper().readTree(Files.readString(sarif)).path("version").asText());
        assertTrue(err().startsWith("connguard report: 4 findings at 1 site; sarif written to out/connguard.sarif\n"), err());
    }

    @Test
    void everyFormatRuns() {
        for (String format : new String[] {"text", "html", "sarif", "json"}) {
            out.reset();
            assertEquals(0, run("report", "--format", format, "leaks.jsonl"), format);
            assertTrue(out().length() > 100, format);
        }
    }

    @Test
    void anUnknownCommandNamesItAndTheValidOnes() {
        assertEquals(2, run("repot", "x.jsonl"));
        assertEquals("connguard: unknown command 'repot'; valid: report, attach, --version, --help\n", err());
    }

    @Test
    void anUnknownOptionNamesItAndTheValidOnes() {
        assertEquals(2, run("report", "--fail", "LEAK", "leaks.jsonl"));
        assertEquals("connguard report: unknown option '--fail'; valid: --format, --fail-on, --baseline, --write-baseline, --output, --help\n", err());
    }

    @Test
    void anUnknownFormatNamesItAndTheValidOnes() {
        assertEquals(2, run("report", "--format", "xml", "leaks.jsonl"));
        assertEquals("connguard report: unknown format 'xml' for --format; valid: text, html, sarif, json\n", err());
    }

    @Test
    void anUnknownKindNamesItAndTheValidOnes() {
        assertEquals(2, run("report", "--fail-on", "LEAK,CROSS_THREAD", "leaks.jsonl"));
        assertEquals("connguard report: unknown kind 'CROSS_THREAD' for --fail-on; valid: CROSS_THREAD_USE, CONCURRENT_USE, "
            + "WRONG_THREAD_CLOSE, LEAK, NESTED_ACQUIRE, TRANSACTION_LEFT_OPEN, USE_AFTER_CLOSE, any, none\n", err());
        assertEquals("", out(), "nothing is written when the command line is wrong");
    }

    /** {@code none}, as the Maven plugin's failOn takes it: the report is written, nothing fails. */
    @Test
    void failOnNoneGatesNothing() {
        assertEquals(0, run("report", "--fail-on", "none", "leaks.jsonl", "cross.jsonl"));
        assertTrue(out().startsWith("connguard report: 5 findings at 2 sites in 2 reports"), out());
        assertEquals("", err());
    }

    @Test
    void anOptionWithoutItsValueIsAnError() {
        assertEquals(2, run("report", "leaks.jsonl", "--format"));
        assertTrue(err().startsWith("connguard report: --format needs a value; valid: text, html, sarif, json"), err());
    }

    @Test
    void aMissingFileIsOneLineAndExitTwo() {
        assertEquals(2, run("report", "--fail-on", "LEAK", "leaks.jsonl", "target/connguard/*.jsonl"));
        assertEquals("connguard report: no such file: target/connguard/*.jsonl\n", err());
        assertEquals("", out());
    }

    @Test
    void noFilesIsAnError() {
        assertEquals(2, run("report", "--format", "text"));
        assertTrue(err().startsWith("connguard report: no report files given"), err());
        assertEquals(1, err().lines().count());
    }

    @Test
    void aTruncatedReportWarnsAndStillGates() throws IOException {
        ReportLines.writeCut(dir, "killed.jsonl", ReportLines.start(4), ReportLines.crossThread(), "{\"type\":\"finding\",\"ki");
        assertEquals(1, run("report", "--fail-on", "CROSS_THREAD_USE", "killed.jsonl"));
        assertTrue(err().startsWith("connguard report: killed.jsonl:3: skipped, truncated"), err());
    }

    // --- baselines ---

    @Test
    void writeBaselineWritesTheSitesAndSaysSo() throws IOException {
        assertEquals(0, run("report", "--write-baseline", "connguard-baseline.json", "leaks.jsonl", "cross.jsonl"));
        assertTrue(err().contains("connguard report: baseline of 2 sites written to connguard-baseline.json"), err());
        String text = Files.readString(dir.resolve("connguard-baseline.json"));
        assertTrue(text.contains("\"identity\": \"LEAK/OWNER_THREAD_ENDED Connection com.example.Worker.run(Worker.java)\""), text);
        assertTrue(out().startsWith("connguard report: 5 findings"), "the report is still written: " + out());
    }

    @Test
    void theGatePassesOnSitesInTheBaselineAndFailsOnANewOne() throws IOException {
        assertEquals(0, run("report", "--write-baseline", "b.json", "leaks.jsonl"));
        out.reset();
        err.reset();
        assertEquals(0, run("report", "--baseline", "b.json", "--fail-on", "any", "leaks.jsonl"));
        assertEquals("connguard report: passing; 4 findings at sites the baseline b.json lists\n", err());
        out.reset();
        err.reset();
        assertEquals(1, run("report", "--baseline=b.json", "--fail-on", "any", "leaks.jsonl", "cross.jsonl"));
        assertEquals("connguard report: failing, 1 finding of CROSS_THREAD_USE at sites not in the baseline b.json (--fail-on any);"
            + " 4 findings at sites the baseline b.json lists\n", err());
        err.reset();
        assertEquals(0, run("report", "--baseline=b.json", "--fail-on", "LEAK", "leaks.jsonl", "cross.jsonl"));
        assertEquals("connguard report: passing; 4 findings of those kinds at sites the baseline b.json lists\n", err(),
            "the known findings the gate counts are those of its kinds");
        assertTrue(out().contains("baseline b.json: 1 new site, 1 known, 0 fixed\n"), out());
        assertTrue(out().contains("#1 CROSS_THREAD_USE  x1"), "the new site in full, first: " + out());
        assertTrue(out().contains("in the baseline (known, not failing the gate): 1 site\n"
            + "    LEAK (OWNER_THREAD_ENDED)  x4  Connection at com.example.Worker.run(Worker.java:19)\n"), out());
    }

    @Test
    void aBaselineSiteNoLongerSeenIsReportedAsFixed() throws IOException {
        assertEquals(0, run("report", "--write-baseline", "b.json", "leaks.jsonl", "cross.jsonl"));
        out.reset();
        err.reset();
        assertEquals(0, run("report", "--baseline", "b.json", "--fail-on", "any", "leaks.jsonl"));
        assertTrue(err().contains("connguard report: 1 baseline site no longer seen (fixed, or not run); --write-baseline b.json drops them:\n"
            + "    fixed: " + io.connguard.contract.SiteKeyFormat.identity(CROSS_SITE) + "\n"), err());
        assertTrue(out().contains("fixed since the baseline (no longer seen): 1 site\n    " + io.connguard.contract.SiteKeyFormat.identity(CROSS_SITE) + "\n"), out());
    }

    @Test
    void aBadBaselineIsOneLineAndExitTwo() throws IOException {
        assertEquals(2, run("report", "--baseline", "missing.json", "--fail-on", "any", "leaks.jsonl"));
        assertEquals("connguard report: no such baseline file: missing.json; write one with --write-baseline missing.json\n", err());
        for (String[] bad : new String[][] {
                {"{\"sites\": [", "not JSON"},
                {"{\"version\": 1, \"sites\": []}", "no \"format\": \"connguard-baseline\""},
                {"{\"format\": \"connguard-baseline\", \"version\": 2, \"sites\": []}", "version 2, this connguard reads version 1 (written by a newer connguard)"},
                {"{\"format\": \"connguard-baseline\", \"version\": 1, \"sites\": [{\"kind\": \"LEAK\"}]}", "site 1 has no \"kind\" or \"identity\" text"}}) {
            Files.writeString(dir.resolve("bad.json"), bad[0]);
            err.reset();
            assertEquals(2, run("report", "--baseline", "bad.json", "--fail-on", "any", "leaks.jsonl"), bad[0]);
            assertTrue(err().startsWith("connguard report: bad.json is not a connguard baseline: " + bad[1]), err());
            assertEquals(1, err().split("\n").length, err());
        }
    }

    @Test
    void writeBaselineOverAnInputReportIsRefused() throws IOException {
        String before = Files.readString(dir.resolve("leaks.jsonl"));
        assertEquals(2, run("report", "--write-baseline", "leaks.jsonl", "leaks.jsonl"));
        assertTrue(err().startsWith("connguard report: --write-baseline leaks.jsonl is the input report leaks.jsonl"), err());
        assertEquals(before, Files.readString(dir.resolve("leaks.jsonl")));
    }

    /**
     * A team writes the baseline, then an edit above every site moves its lines: the next run's
     * report differs only in line numbers, and the gate still passes; a new site still fails it.
     */
    @Test
    void aBaselineSurvivesAnEditThatShiftsLineNumbers() throws IOException {
        ReportLines.write(dir, "before.jsonl", ReportLines.start(1), ReportLines.crossThread(), ReportLines.leak(3, "w-1"),
            ReportLines.summary(LEAK_SITE, 2, CROSS_SITE, 1));
        assertEquals(0, run("report", "--write-baseline", "connguard-baseline.json", "before.jsonl"));
        String shifted = String.join("\n", ReportLines.start(2), ReportLines.crossThread(), ReportLines.leak(3, "w-1"),
            ReportLines.summary(LEAK_SITE, 2, CROSS_SITE, 1))
            .replace("Orders.java:42", "Orders.java:45").replace("Orders.java:57", "Orders.java:60").replace("Worker.java:19", "Worker.java:22");
        Files.writeString(dir.resolve("after.jsonl"), shifted + "\n");
        err.reset();
        assertEquals(0, run("report", "--baseline", "connguard-baseline.json", "--fail-on", "any", "after.jsonl"));
        assertFalse(err().contains("fixed"), "nothing was fixed, only moved: " + err());
        Files.writeString(dir.resolve("new.jsonl"), String.join("\n", ReportLines.start(3), ReportLines.wrongThreadClose()) + "\n");
        err.reset();
        assertEquals(1, run("report", "--baseline", "connguard-baseline.json", "--fail-on", "any", "after.jsonl", "new.jsonl"));
        assertTrue(err().contains("failing, 1 finding of WRONG_THREAD_CLOSE at sites not in the baseline"), err());
    }
}
