package io.connguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connguard.cli.BuildReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailOnTest {
    @TempDir
    Path dir;

    /** Two runs' summaries: 2 LEAK at one site, 1 CROSS_THREAD_USE at another. */
    private BuildReport report() throws Exception {
        Path file = dir.resolve("1.jsonl");
        Files.write(file, List.of(
            "{\"type\":\"start\",\"version\":\"0.1.0\"}",
            "{\"type\":\"summary\",\"findings\":3,\"sites\":["
                + "{\"site\":\"LEAK/EXIT Connection a.B.c(B.java:1)\",\"kind\":\"LEAK\",\"detectedBy\":\"EXIT\",\"count\":2},"
                + "{\"site\":\"CROSS_THREAD_USE Connection a.B.d(B.java:2)\",\"kind\":\"CROSS_THREAD_USE\",\"count\":1}]}"));
        return BuildReport.read(List.of(file), w -> { });
    }

    @Test
    void everyKindFailsByDefault() throws Exception {
        assertEquals(Map.of("CROSS_THREAD_USE", 1L, "LEAK", 2L), FailOn.parse(null).failing(report()));
        assertEquals(Map.of("CROSS_THREAD_USE", 1L, "LEAK", 2L), FailOn.parse("any").failing(report()));
    }

    @Test
    void anyAlsoFailsOnAKindANewerAgentReports() throws Exception {
        assertEquals(Map.of("A_KIND_OF_TOMORROW", 1L), FailOn.parse("any").gated(Map.of("A_KIND_OF_TOMORROW", 1L)));
        assertEquals(Map.of(), FailOn.parse("LEAK CONCURRENT_USE").gated(Map.of("A_KIND_OF_TOMORROW", 1L)));
    }

    @Test
    void onlyTheKindsListedFail() throws Exception {
        assertEquals(Map.of("LEAK", 2L), FailOn.parse("leak, CONCURRENT_USE").failing(report()));
        assertEquals(Map.of(), FailOn.parse("none").failing(report()));
    }

    /** A run with internal errors fails any gate but none: its detection was incomplete (see CheckMojo). */
    @Test
    void internalErrorsAreReadAndEveryGateButNoneStopsOnThem() throws Exception {
        Path file = dir.resolve("odd.jsonl");
        Files.write(file, List.of("{\"type\":\"start\",\"version\":\"0.1.0\"}",
            "{\"type\":\"summary\",\"findings\":0,\"internalErrors\":2,\"sites\":[]}"));
        assertEquals(2, BuildReport.read(List.of(file), w -> { }).internalErrors());
        assertTrue(FailOn.parse("any").gates());
        assertTrue(FailOn.parse("LEAK").gates());
        assertEquals(false, FailOn.parse("none").gates());
    }

    @Test
    void anUnknownKindIsOneLineNamingTheValidOnes() {
        String message = assertThrows(MojoExecutionException.class, () -> FailOn.parse("LEAK,LEAKS")).getMessage();
        assertTrue(message.startsWith("connguard: unknown kind 'LEAKS' in <failOn>; valid: CROSS_THREAD_USE, "), message);
        assertTrue(message.endsWith(", any, none"), message);
    }

    @Test
    void sitesInTheBaselineDoNotFailAndANewKindAtAKnownPlaceDoes() throws Exception {
        Path baseline = dir.resolve("connguard-baseline.json");
        report().writeBaseline(baseline);
        Path moved = dir.resolve("2.jsonl");
        Files.write(moved, List.of(
            "{\"type\":\"start\",\"version\":\"0.1.0\"}",
            "{\"type\":\"summary\",\"findings\":4,\"sites\":["
                + "{\"site\":\"LEAK/EXIT Connection a.B.c(B.java:7)\",\"kind\":\"LEAK\",\"detectedBy\":\"EXIT\",\"count\":3},"
                + "{\"site\":\"CONCURRENT_USE Connection a.B.d(B.java:8)\",\"kind\":\"CONCURRENT_USE\",\"count\":1}]}"));
        BuildReport later = BuildReport.read(List.of(moved), w -> { });
        later.compareWithBaseline(baseline, "connguard-baseline.json");
        assertEquals(Map.of("CONCURRENT_USE", 1L), FailOn.parse("any").failing(later), "a moved leak is known; a new kind at d is not");
        assertEquals(1, later.fixedSinceBaseline(), "the cross-thread use at d is no longer seen");
        assertTrue(later.text().contains("in the baseline (known, not failing the gate): 1 site"), later.text());
    }

    @Test
    void theBaselineIsTheModulesFileUnlessOneIsConfigured() {
        assertEquals(dir.resolve("connguard-baseline.json"), CheckMojo.baselineFile(null, dir.toFile()));
        assertEquals(dir.resolve("ci/known.json"), CheckMojo.baselineFile(dir.resolve("ci/known.json").toFile(), dir.toFile()));
    }

    @Test
    void aBadBaselineIsOneLine() throws Exception {
        Path bad = dir.resolve("connguard-baseline.json");
        Files.writeString(bad, "[]");
        BuildReport r = report();
        String message = assertThrows(java.io.IOException.class, () -> r.compareWithBaseline(bad, "connguard-baseline.json")).getMessage();
        assertEquals("connguard report: connguard-baseline.json is not a connguard baseline: no \"format\": \"connguard-baseline\";"
            + " write one with --write-baseline connguard-baseline.json", message);
    }
}
