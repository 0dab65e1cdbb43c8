package io.connguard.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one JSON object per line to the report file, flushed at once so that a crash loses nothing
 * already found. If the file cannot be opened or written, one error is logged and connguard goes on
 * without it: the human log still has every finding.
 */
public final class JsonLinesSink {
    private final Path file;
    private Writer writer;

    public JsonLinesSink(Path file) {
        this.file = file;
        try {
            Path parent = file.getParent();
            if (parent != null) Files.createDirectories(parent);
            writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE),
                    StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            fail("cannot open", e);
        }
    }

    public Path file() {
        return file;
    }

    /** False once the file could not be opened or written. */
    public synchronized boolean isOpen() {
        return writer != null;
    }

    /** Writes {@code json} (one object, no line break in it) as one line. */
    public synchronized void write(String json) {
        if (writer == null) return;
        try {
            writer.write(json);
            writer.write('\n');
            writer.flush();
        } catch (IOException | RuntimeException e) {
            fail("cannot write", e);
        }
    }

    public synchronized void close() {
        if (writer == null) return;
        try {
            writer.close();
        } catch (IOException e) {
            // everything was flushed line by line; nothing is lost
        }
        writer = null;
    }

    private void fail(String what, Exception e) {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException | RuntimeException ignored) {
                // already failing
            }
        }
        writer = null;
        HumanLog.error("connguard: " + what + " the report file " + file + " (" + e + "); findings are only logged", null);
    }
}
