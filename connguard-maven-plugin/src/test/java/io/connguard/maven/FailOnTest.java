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
    void onlyTheKindsListedFail() throws Exception {
        assertEquals(Map.of("LEAK", 2L), FailOn.parse("leak, CONCURRENT_USE").failing(report()));
        assertEquals(Map.of(), FailOn.parse("none").failing(report()));
    }

    @Test
    void anUnknownKindIsOneLineNamingTheValidOnes() {
        String message = assertThrows(MojoExecutionException.class, () -> FailOn.parse("LEAK,LEAKS")).getMessage();
        assertTrue(message.startsWith("connguard: unknown kind 'LEAKS' in <failOn>; valid: CROSS_THREAD_USE, "), message);
        assertTrue(message.endsWith(", any, none"), message);
    }
}
