package io.connguard.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;

/**
 * The JSON lines report: one object a line, appended and flushed as it comes, so that a JVM that
 * dies loses nothing already found. Without a writable file, connguard logs once and goes on.
 */
final class JsonLinesSink {
    private final Writer out;

    JsonLinesSink(Path file, Logger log) {
        Writer w = null;
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            log.error("connguard: cannot write the report {} ({}); findings go to the log only", file, e.toString());
        }
        this.out = w;
    }

    synchronized void write(Json line) {
        if (out == null) return;
        try {
            out.write(line.toString());
            out.write('\n');
            out.flush();
        } catch (IOException ignored) {
            // a full disk must not break the application; the log still has the finding
        }
    }
}
