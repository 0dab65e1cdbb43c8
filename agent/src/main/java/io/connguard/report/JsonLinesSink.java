package io.connguard.report;

import io.connguard.options.OptionException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one JSON object per line to the report file, flushed at once so that a crash loses nothing
 * already found. A file that cannot be opened is refused at start ({@link #open}), unless the user
 * did not choose it ({@link #unwritten}); one that cannot be written later (a full disk) is said
 * once in the log, and connguard goes on without it: the human log still has every finding, and
 * the gate fails on the report cut short.
 */
public final class JsonLinesSink {
    private final Path file;
    private Writer writer;

    private JsonLinesSink(Path file, Writer writer) {
        this.file = file;
        this.writer = writer;
    }

    /**
     * Opens {@code file} for appending, creating the directories it is in.
     *
     * @throws OptionException when it cannot be created or opened, naming the file and why: the
     *     {@code report} option is then as unusable as a bad value, and running on would leave the
     *     gate no report to judge
     */
    public static JsonLinesSink open(Path file) {
        try {
            Path parent = file.getParent();
            if (parent != null) Files.createDirectories(parent);
            return new JsonLinesSink(file, new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE),
                    StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            throw new OptionException("connguard: cannot open the report file " + file + " (" + reason(e)
                    + "); report= takes a file in a directory connguard can create and write");
        }
    }

    /**
     * A report that could not be opened, for a file the user did not choose: the findings are only
     * logged, and the exit line says the report could not be written.
     */
    public static JsonLinesSink unwritten(Path file) {
        return new JsonLinesSink(file, null);
    }

    /** The cause in words: {@code java.nio} leaves the reason out of several of its exceptions. */
    private static String reason(Exception e) {
        if (!(e instanceof FileSystemException)) return e.toString();
        FileSystemException f = (FileSystemException) e;
        if (f instanceof FileAlreadyExistsException) return f.getFile() + " is a file, not a directory";
        if (f instanceof AccessDeniedException) return "permission denied: " + f.getFile();
        if (f instanceof NoSuchFileException) return "no such file or directory: " + f.getFile();
        return f.getReason() == null ? f.toString() : f.getFile() + ": " + f.getReason();
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
