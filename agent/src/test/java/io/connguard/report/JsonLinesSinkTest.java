package io.connguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connguard.options.OptionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesSinkTest {
    @TempDir
    Path dir;

    @Test
    void createsParentDirectoriesAndWritesUtf8Lines() throws Exception {
        Path file = dir.resolve("a/b/report.jsonl");
        JsonLinesSink sink = JsonLinesSink.open(file);
        sink.write("{\"s\":\"Ärger\"}");
        assertEquals(List.of("{\"s\":\"Ärger\"}"), Files.readAllLines(file, StandardCharsets.UTF_8),
                "flushed before close: a crash loses nothing");
        sink.close();
    }

    @Test
    void appendsToAnExistingReport() throws Exception {
        Path file = dir.resolve("r.jsonl");
        Files.writeString(file, "{\"old\":1}\n");
        JsonLinesSink sink = JsonLinesSink.open(file);
        sink.write("{\"new\":2}");
        sink.close();
        assertEquals(List.of("{\"old\":1}", "{\"new\":2}"), Files.readAllLines(file));
    }

    /** The agent stops the JVM at start with this line, as it does for a bad option. */
    @Test
    void aFileThatCannotBeOpenedIsRefusedNamingItAndWhy() throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        Path report = blocker.resolve("report.jsonl");
        OptionException e = assertThrows(OptionException.class, () -> JsonLinesSink.open(report));
        assertEquals("connguard: cannot open the report file " + report + " (" + blocker + " is a file, not a directory);"
                + " report= takes a file in a directory connguard can create and write", e.getMessage());
        Path deeper = blocker.resolve("sub/report.jsonl");
        e = assertThrows(OptionException.class, () -> JsonLinesSink.open(deeper));
        assertTrue(e.getMessage().contains(" (" + blocker.resolve("sub") + ": Not a directory); "), e.getMessage());
    }

    /** /dev/full fails every write with "No space left on device", as a full disk does after the file was created. */
    @Test
    void aFullDiskIsSaidOnceAndTheSinkCloses() throws Exception {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full), "needs /dev/full (Linux)");
        try (CapturedErr err = new CapturedErr()) {
            JsonLinesSink sink = JsonLinesSink.open(full);
            assertTrue(sink.isOpen(), "opening succeeds on a full disk; the first write fails");
            sink.write("{\"type\":\"start\"}");
            sink.write("{}");
            assertFalse(sink.isOpen());
            List<String> said = err.text().lines().filter(l -> l.contains("cannot write the report file /dev/full")).collect(Collectors.toList());
            assertEquals(1, said.size(), err.text());
            assertTrue(said.get(0).contains("No space left on device") && said.get(0).contains("findings are only logged"), said.get(0));
        }
    }

    @Test
    void concurrentWritersNeverInterleaveLines() throws Exception {
        Path file = dir.resolve("r.jsonl");
        JsonLinesSink sink = JsonLinesSink.open(file);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        String line = "{\"x\":\"" + "y".repeat(5000) + "\"}";
        for (int i = 0; i < 400; i++) pool.execute(() -> sink.write(line));
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        sink.close();
        List<String> lines = Files.readAllLines(file);
        assertEquals(400, lines.size());
        assertTrue(lines.stream().allMatch(line::equals));
    }
}
