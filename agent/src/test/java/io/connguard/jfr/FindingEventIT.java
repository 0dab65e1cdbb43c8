package io.connguard.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connguard.it.AgentRun;
import io.connguard.it.Jdk;
import io.connguard.it.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** A finding made while a flight recording runs is in the recording, as an io.connguard.Finding event. */
class FindingEventIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void crossThreadUseIsRecordedAsAJfrEventOnTheOffendingThread(Jdk jdk) throws Exception {
        Path recording = dir.resolve("connguard-jdk" + jdk.feature() + ".jfr");
        RunResult run = AgentRun.scenario(CrossThreadUse.class).jdk(jdk)
            .jvmArg("-XX:StartFlightRecording=filename=" + recording + ",dumponexit=true")
            .run().assertCompleted();

        List<RecordedEvent> findings = RecordingFile.readAllEvents(recording).stream()
            .filter(e -> e.getEventType().getName().equals("io.connguard.Finding"))
            .collect(Collectors.toList());
        assertEquals(1, findings.size(), () -> findings + "\n" + run.explain());
        RecordedEvent e = findings.get(0);
        assertEquals("CROSS_THREAD_USE", e.getString("kind"));
        assertEquals("Connection", e.getString("resource"));
        assertEquals("createStatement", e.getString("method"));
        assertEquals("worker", e.getThread().getJavaName(), "the event is on the offending thread's timeline");
        assertTrue(e.getString("owner").startsWith("main"), e.getString("owner"));
        assertTrue(e.getString("firstFrame").startsWith(CrossThreadUse.class.getName() + ".lambda$main$"), e.getString("firstFrame"));
        assertTrue(e.getString("site").startsWith("CROSS_THREAD_USE Connection " + CrossThreadUse.class.getName()), e.getString("site"));
    }

    /**
     * Without a recording, a finding loads no event class: the first one loaded would start JFR's
     * machinery on the offending thread, a delay of about 90 ms the application would see (a
     * pool's timing test failed by it).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.connguard.it.Jdks#all")
    void withoutARecordingAFindingStartsNoJfr(Jdk jdk) throws Exception {
        Path classes = dir.resolve("classes-jdk" + jdk.feature() + ".txt");
        RunResult run = AgentRun.scenario(CrossThreadUse.class).jdk(jdk)
            .jvmArg("-Xlog:class+load=info:file=" + classes)
            .runOnce().assertCompleted();
        run.verify(() -> run.report().only("CROSS_THREAD_USE"));
        List<String> loaded = Files.readAllLines(classes);
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" io.connguard.report.Reporter ")), "the class log lists the agent's classes");
        assertTrue(loaded.stream().noneMatch(l -> l.contains(" io.connguard.report.FindingEvent ") || l.contains(" jdk.jfr.Event ")),
            "JFR's event classes were loaded without a recording");
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
            System.out.println("done");
        }
    }
}
