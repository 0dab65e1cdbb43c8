package io.connguard.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A finding made while a flight recording runs is in the recording, as an io.connguard.Finding event. */
class FindingEventIT {
    @TempDir
    Path dir;

    @Test
    void crossThreadUseIsRecordedAsAJfrEventOnTheOffendingThread() throws Exception {
        String agent = System.getProperty("connguard.agent.jar");
        String classpath = System.getProperty("connguard.scenario.classpath");
        assumeTrue(agent != null && classpath != null, "run by failsafe, after package");
        Path recording = dir.resolve("connguard.jfr");
        Path log = dir.resolve("child.log");

        Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:StartFlightRecording=filename=" + recording + ",dumponexit=true",
            "-javaagent:" + agent + "=report=" + dir.resolve("report.jsonl"),
            "-cp", classpath, CrossThreadUse.class.getName())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        assertEquals(0, child.exitValue(), () -> read(log));

        List<RecordedEvent> findings = RecordingFile.readAllEvents(recording).stream()
            .filter(e -> e.getEventType().getName().equals("io.connguard.Finding"))
            .collect(Collectors.toList());
        assertEquals(1, findings.size(), () -> findings + "\n" + read(log));
        RecordedEvent e = findings.get(0);
        assertEquals("CROSS_THREAD_USE", e.getString("kind"));
        assertEquals("Connection", e.getString("resource"));
        assertEquals("createStatement", e.getString("method"));
        assertEquals("worker", e.getThread().getJavaName(), "the event is on the offending thread's timeline");
        assertTrue(e.getString("owner").startsWith("main"), e.getString("owner"));
        assertTrue(e.getString("firstFrame").startsWith(CrossThreadUse.class.getName() + ".lambda$main$"), e.getString("firstFrame"));
        assertTrue(e.getString("site").startsWith("CROSS_THREAD_USE Connection " + CrossThreadUse.class.getName()), e.getString("site"));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception ex) {
            return "(" + ex + ")";
        }
    }

    /** Run in the child JVM: a connection opened on main and used on another thread. */
    public static final class CrossThreadUse {
        public static void main(String[] args) throws Exception {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
                Thread worker = new Thread(() -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT 1");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "worker");
                worker.start();
                worker.join();
            }
        }
    }
}
