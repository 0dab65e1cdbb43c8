package io.connguard.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {
    @TempDir
    Path cwd;

    private Options parse(String args) {
        return parse(args, Map.of(), Map.of());
    }

    private Options parse(String args, Map<String, String> props, Map<String, String> env) {
        return Options.parse(args, props, env, cwd, 4242);
    }

    private String error(String args, Map<String, String> props, Map<String, String> env) {
        return assertThrows(OptionException.class, () -> parse(args, props, env)).getMessage();
    }

    private String error(String args) {
        return error(args, Map.of(), Map.of());
    }

    @Test
    void nothingGivenMeansTheDocumentedDefaults() {
        Options o = parse(null);
        assertFalse(o.strict());
        assertFalse(o.stacksAll());
        assertEquals(32, o.stackDepth());
        assertEquals(-1, o.leakThresholdMillis());
        assertEquals(List.of(), o.pools());
        assertEquals(SqlMode.SANITIZED, o.sql());
        assertFalse(o.handoffAllowed());
        assertEquals(cwd.resolve("connguard-4242.jsonl"), o.report());
    }

    @Test
    void everyKeyIsReadFromTheAgentArgument() {
        Options o = parse("report=out/r.jsonl,mode=strict,stacks=all,stackDepth=64,leakThreshold=30s,pools=com.acme,sql=raw,handoff=allow");
        assertEquals(cwd.resolve("out/r.jsonl"), o.report());
        assertTrue(o.strict());
        assertTrue(o.stacksAll());
        assertEquals(64, o.stackDepth());
        assertEquals(30_000, o.leakThresholdMillis());
        assertEquals(List.of("com.acme"), o.pools());
        assertEquals(SqlMode.RAW, o.sql());
        assertTrue(o.handoffAllowed());
    }

    @Test
    void agentArgumentBeatsSystemPropertyBeatsEnvironment() {
        Map<String, String> props = Map.of("connguard.mode", "strict", "connguard.sql", "off");
        Map<String, String> env = Map.of("CONNGUARD_MODE", "report", "CONNGUARD_SQL", "raw", "CONNGUARD_STACKS", "all");
        Options o = parse("sql=sanitized", props, env);
        assertEquals(SqlMode.SANITIZED, o.sql(), "agent argument wins");
        assertTrue(o.strict(), "system property beats environment");
        assertTrue(o.stacksAll(), "environment applies when nothing else sets the key");
    }

    @Test
    void environmentAcceptsPlainAndSnakeCaseNames() {
        assertEquals(7, parse(null, Map.of(), Map.of("CONNGUARD_STACK_DEPTH", "7")).stackDepth());
        assertEquals(8, parse(null, Map.of(), Map.of("CONNGUARD_STACKDEPTH", "8")).stackDepth());
        assertEquals(500, parse(null, Map.of(), Map.of("CONNGUARD_LEAK_THRESHOLD", "500ms")).leakThresholdMillis());
    }

    @Test
    void unknownOptionNamesTheKeyAndTheValidOnes() {
        assertEquals("connguard: unknown option 'mde' (from agent argument); valid options: "
                + "report, mode, stacks, stackDepth, leakThreshold, pools, sql, handoff, ignore", error("mde=strict"));
    }

    @Test
    void unknownSystemPropertyAndEnvironmentVariableAreNamedWithTheirSource() {
        assertTrue(error(null, Map.of("connguard.stackDepht", "3"), Map.of())
                .startsWith("connguard: unknown option 'stackDepht' (from system property connguard.stackDepht);"));
        assertTrue(error(null, Map.of(), Map.of("CONNGUARD_MOOD", "strict"))
                .startsWith("connguard: unknown option 'MOOD' (from environment variable CONNGUARD_MOOD);"));
    }

    @Test
    void unknownOptionMessageDoesNotEchoItsValue() {
        String message = error("passwd=hunter2");
        assertFalse(message.contains("hunter2"), message);
    }

    @Test
    void aReportFileIsChosenByAnySourceAndOtherwiseTheDefault() {
        assertTrue(parse("report=r.jsonl", Map.of(), Map.of()).reportChosen());
        assertTrue(parse(null, Map.of("connguard.report", "r.jsonl"), Map.of()).reportChosen());
        assertTrue(parse(null, Map.of(), Map.of("CONNGUARD_REPORT", "r.jsonl")).reportChosen());
        assertFalse(parse("mode=strict", Map.of(), Map.of()).reportChosen());
    }

    @Test
    void reportFilePropertySetByTheAgentItselfIsNotAnOption() {
        assertEquals(32, parse(null, Map.of("connguard.reportFile", "/tmp/x.jsonl"), Map.of()).stackDepth());
    }

    @Test
    void mavenPluginPropertiesThatSurefireCopiesIntoTestJvmsAreNotOptions() {
        assertEquals(32, parse(null, Map.of("connguard.skip", "false", "connguard.failOn", "LEAK",
                "connguard.baseline", "b.json", "connguard.writeBaseline", "true"), Map.of()).stackDepth());
    }

    @Test
    void unrelatedPropertiesAndVariablesAreIgnored() {
        assertEquals(32, parse(null, Map.of("user.dir", "/", "connguardx", "1"), Map.of("PATH", "/bin")).stackDepth());
    }

    @Test
    void badModeNamesValueSourceAndValidValues() {
        assertEquals("connguard: bad value 'loud' for mode (from system property connguard.mode); valid: report, strict",
                error(null, Map.of("connguard.mode", "loud"), Map.of()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "stacks=some        | connguard: bad value 'some' for stacks (from agent argument); valid: connections, all",
            "sql=masked         | connguard: bad value 'masked' for sql (from agent argument); valid: sanitized, raw, off",
            "handoff=yes        | connguard: bad value 'yes' for handoff (from agent argument); valid: report, allow",
            "stackDepth=0       | connguard: bad value '0' for stackDepth (from agent argument); valid: a whole number from 1 to 1024",
            "stackDepth=1025    | connguard: bad value '1025' for stackDepth (from agent argument); valid: a whole number from 1 to 1024",
            "stackDepth=deep    | connguard: bad value 'deep' for stackDepth (from agent argument); valid: a whole number from 1 to 1024",
            "stackDepth=-3      | connguard: bad value '-3' for stackDepth (from agent argument); valid: a whole number from 1 to 1024",
            "leakThreshold=30   | connguard: bad value '30' for leakThreshold (from agent argument); valid: off, or a duration greater than zero such as 500ms, 30s, 2m, 1h",
            "leakThreshold=0s   | connguard: bad value '0s' for leakThreshold (from agent argument); valid: off, or a duration greater than zero such as 500ms, 30s, 2m, 1h",
            "leakThreshold=-5s  | connguard: bad value '-5s' for leakThreshold (from agent argument); valid: off, or a duration greater than zero such as 500ms, 30s, 2m, 1h",
            "leakThreshold=2d   | connguard: bad value '2d' for leakThreshold (from agent argument); valid: off, or a duration greater than zero such as 500ms, 30s, 2m, 1h",
            "leakThreshold=999999999999999999h | connguard: bad value '999999999999999999h' for leakThreshold (from agent argument); valid: off, or a duration greater than zero such as 500ms, 30s, 2m, 1h",
            "pools=com..acme    | connguard: bad value 'com..acme' for pools (from agent argument); valid: package prefixes separated by commas, such as com.example.pool",
            "pools=com.a,9lives | connguard: bad value '9lives' for pools (from agent argument); valid: package prefixes separated by commas, such as com.example.pool",
            "report=            | connguard: bad value '' for report (from agent argument); valid: a file path; %p becomes the pid",
    })
    void badValueIsNamedWithWhatIsValid(String args, String expected) {
        assertEquals(expected, error(args));
    }

    @Test
    void badValueMessageIsOneLine() {
        String message = error(null, Map.of("connguard.mode", "a\nb"), Map.of());
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void badValueIsReportedEvenWhenOnlyTheEnvironmentSetsIt() {
        assertTrue(error(null, Map.of(), Map.of("CONNGUARD_SQL", "loud"))
                .contains("(from environment variable CONNGUARD_SQL)"));
    }

    @Test
    void tokenWithoutEqualsOutsidePoolsIsAnError() {
        assertEquals("connguard: bad agent argument 'strict'; expected key=value, valid options: "
                + "report, mode, stacks, stackDepth, leakThreshold, pools, sql, handoff, ignore", error("strict"));
    }

    @Test
    void optionGivenTwiceInTheAgentArgumentIsAnError() {
        assertEquals("connguard: option 'mode' given twice (from agent argument)", error("mode=strict,mode=report"));
    }

    @Test
    void poolsListContinuesAfterPoolsKey() {
        Options o = parse("pools=com.a,com.b,mode=strict");
        assertEquals(List.of("com.a", "com.b"), o.pools());
        assertTrue(o.strict());
    }

    @Test
    void poolsFromSystemPropertyAreSplitOnCommas() {
        assertEquals(List.of("com.a", "org.b."), parse(null, Map.of("connguard.pools", " com.a , org.b. ,"), Map.of()).pools());
    }

    @ParameterizedTest
    @CsvSource({"500ms,500", "30s,30000", "2m,120000", "1h,3600000", "30S,30000", "off,-1", "OFF,-1"})
    void leakThresholdDurations(String value, long millis) {
        assertEquals(millis, parse("leakThreshold=" + value).leakThresholdMillis());
    }

    @Test
    void valuesAreCaseInsensitive() {
        Options o = parse("mode=STRICT,stacks=All,sql=Off");
        assertTrue(o.strict());
        assertTrue(o.stacksAll());
        assertEquals(SqlMode.OFF, o.sql());
    }

    @Test
    void keysIgnoreCaseAndSeparators() {
        assertEquals(5, parse("stack_depth=5").stackDepth());
        assertEquals(6, parse("STACKDEPTH=6").stackDepth());
    }

    @Test
    void percentPBecomesThePid() {
        assertEquals(cwd.resolve("reports/run-4242-4242.jsonl"), parse("report=reports/run-%p-%p.jsonl").report());
    }

    @Test
    void reportPathIsAbsoluteAndNormalized() {
        Path report = parse("report=a/../b/./r.jsonl").report();
        assertTrue(report.isAbsolute());
        assertEquals(cwd.resolve("b/r.jsonl"), report);
    }

    @Test
    void absoluteReportPathIsKept() {
        Path elsewhere = cwd.getRoot().resolve("var").resolve("r.jsonl");
        assertEquals(elsewhere, parse("report=" + elsewhere).report());
    }

    @Test
    void defaultReportGoesUnderTargetWhenPresent() throws IOException {
        Files.createDirectory(cwd.resolve("build"));
        Files.createDirectory(cwd.resolve("target"));
        assertEquals(cwd.resolve("target/connguard-4242.jsonl"), parse(null).report());
    }

    @Test
    void defaultReportGoesUnderBuildWithoutTarget() throws IOException {
        Files.createDirectory(cwd.resolve("build"));
        assertEquals(cwd.resolve("build/connguard-4242.jsonl"), parse(null).report());
    }

    @Test
    void aFileNamedTargetIsNotABuildDirectory() throws IOException {
        Files.createFile(cwd.resolve("target"));
        assertEquals(cwd.resolve("connguard-4242.jsonl"), parse(null).report());
    }

    @Test
    void effectiveListsEveryKeyInOrder() {
        Options o = parse("leakThreshold=2m,pools=com.a,com.b");
        String[] builtIn = {"com.zaxxer.hikari.", "com.a"};
        assertEquals(Options.KEYS, List.copyOf(o.effective(builtIn).keySet()));
        assertEquals(Map.of("report", cwd.resolve("connguard-4242.jsonl").toString(), "mode", "report",
                "stacks", "connections", "stackDepth", "32", "leakThreshold", "2m", "pools", "com.zaxxer.hikari.,com.a,com.b",
                "sql", "sanitized", "handoff", "report", "ignore", ""), o.effective(builtIn));
    }

    private static List<String> patterns(Options o) {
        return o.ignore().stream().map(IgnorePattern::toString).toList();
    }

    @Test
    void ignoreListContinuesAfterItsKeyLikePoolsAndAlsoTakesSemicolonsAndBars() {
        Options o = parse("ignore=com.acme.legacy.*,LEAK:com.acme.Dao.load,mode=strict");
        assertEquals(List.of("com.acme.legacy.*", "LEAK:com.acme.Dao.load"), patterns(o));
        assertTrue(o.strict());
        assertEquals(List.of("com.acme.legacy.*", "NESTED_ACQUIRE:com.acme.Audit.*", "com.acme.Dao.load"),
                patterns(parse(null, Map.of("connguard.ignore", "com.acme.legacy.* ; NESTED_ACQUIRE:com.acme.Audit.*|com.acme.Dao.load"), Map.of())));
        assertEquals(List.of("com.acme.Old.*"), patterns(parse(null, Map.of(), Map.of("CONNGUARD_IGNORE", "com.acme.Old.*"))));
        assertEquals("com.acme.legacy.*;LEAK:com.acme.Dao.load", o.effective(new String[0]).get("ignore"));
    }

    @Test
    void ignorePatternsMatchAPackageOrClassAndBelowItOrOneMethod() {
        IgnorePattern legacy = IgnorePattern.parse("com.acme.legacy.*");
        assertTrue(legacy.matches("LEAK", "com.acme.legacy.OrderDao", "load"));
        assertTrue(legacy.matches("LEAK", "com.acme.legacy.sub.X", "run"));
        assertTrue(legacy.matches("LEAK", "com.acme.legacy", "run"), "the class com.acme.legacy itself");
        assertTrue(legacy.matches("LEAK", "com.acme.legacy$Inner", "run"));
        assertFalse(legacy.matches("LEAK", "com.acme.legacyish.X", "run"), "a prefix of a name is not the package");
        IgnorePattern method = IgnorePattern.parse("com.acme.Dao.load");
        assertTrue(method.matches("CONCURRENT_USE", "com.acme.Dao", "load"));
        assertFalse(method.matches("CONCURRENT_USE", "com.acme.Dao", "loadAll"));
        assertFalse(method.matches("CONCURRENT_USE", "com.acme.DaoX", "load"));
        IgnorePattern leaksOnly = IgnorePattern.parse("leak:com.acme.Audit.*");
        assertTrue(leaksOnly.matches("LEAK", "com.acme.Audit", "write"), "a kind in any case");
        assertFalse(leaksOnly.matches("CROSS_THREAD_USE", "com.acme.Audit", "write"));
    }

    /** A kind the report knows must be one a pattern may name. */
    @Test
    void ignorePatternsAcceptEveryKindTheReportKnows() {
        java.util.Set<String> reported = new java.util.TreeSet<>();
        for (io.connguard.contract.Kind k : io.connguard.contract.Kind.values()) reported.add(k.json);
        assertEquals(reported, new java.util.TreeSet<>(IgnorePattern.KINDS));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ignore=com.acme.*.Dao", "ignore=*", "ignore=com", "ignore=com..acme.*", "ignore=LEAKS:com.acme.*",
            "ignore=LEAK:", "ignore=com.acme.Dao.load()", "ignore=com.acme.legacy.**",
    })
    void aBadIgnorePatternIsNamedWithWhatIsValid(String args) {
        String pattern = args.substring("ignore=".length());
        assertEquals("connguard: bad value '" + pattern + "' for ignore (from agent argument); valid: " + IgnorePattern.VALID, error(args));
        assertTrue(IgnorePattern.VALID.contains("kinds: CROSS_THREAD_USE, CONCURRENT_USE, WRONG_THREAD_CLOSE, LEAK, NESTED_ACQUIRE,"
                + " TRANSACTION_LEFT_OPEN, USE_AFTER_CLOSE"), IgnorePattern.VALID);
    }

    @Test
    void thePoolsInForceAreTheBuiltInOnesWithoutAPoolsOption() {
        assertEquals("com.zaxxer.hikari.,io.agroal.", parse(null).effective(new String[] {"com.zaxxer.hikari.", "io.agroal."}).get("pools"));
    }

    @Test
    void publicParseUsesTheRealWorkingDirectory() {
        Options o = Options.parse("report=x-%p.jsonl", Map.of(), Map.of());
        assertEquals(Path.of("").toAbsolutePath().resolve("x-" + ProcessHandle.current().pid() + ".jsonl"), o.report());
    }
}
