package io.connguard.report;

import static io.connguard.report.Findings.MAIN;
import static io.connguard.report.Findings.OPENED;
import static io.connguard.report.Findings.OTHER;
import static io.connguard.report.Findings.USED;
import static io.connguard.report.Findings.WORKER;
import static io.connguard.report.Findings.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.connguard.runtime.Finding;

class HumanLogTest {
    private final HumanLog log = new HumanLog(30_000);

    @Test
    void crossThreadUseBlockMatchesTheDesign() {
        Finding f = Findings.crossThread(new StackTraceElement[] {OPENED[0]}, USED, null, null);
        assertEquals("connguard CROSS_THREAD_USE Connection org.sqlite.jdbc4.JDBC4Connection#3 (jdbc:sqlite:/tmp/x.db)\n"
                + "  owned by thread \"main\" (#1), opened at\n"
                + "      com.example.Orders.load(Orders.java:42)\n"
                + "  used by thread \"pool-1-thread-2\" (#23) in prepareStatement(\"UPDATE orders SET total=? WHERE id=?\")\n"
                + "      com.example.Orders.lambda$save$0(Orders.java:57)",
                log.format(f, "jdbc:sqlite:/tmp/x.db", "UPDATE orders SET total=? WHERE id=?"));
    }

    @Test
    void useWithoutSqlShowsTheBareCall() {
        Finding f = Finding.builder(Finding.CROSS_THREAD_USE).resource("Connection").resourceClass("C").resourceId(3)
                .connectionId(3).owner(MAIN).actor(WORKER).method("commit").createdAt(OPENED).actedAt(USED).build();
        assertTrue(log.format(f, null, null).contains("\n  used by thread \"pool-1-thread-2\" (#23) in commit()\n"));
    }

    @Test
    void onlyTwelveFramesPerStackAreShown() {
        StackTraceElement[] deep = new StackTraceElement[20];
        for (int i = 0; i < deep.length; i++) deep[i] = frame("com.example.Deep", "m" + i, i);
        String block = log.format(Findings.crossThread(deep, USED, null, null), null, null);
        assertTrue(block.contains("Deep.m11(Deep.java:11)\n      ...\n  used by"), block);
        assertFalse(block.contains("m12("), block);
    }

    @Test
    void concurrentUseShowsTheOtherThreadAndWhere() {
        Finding f = Finding.builder(Finding.CONCURRENT_USE).resource("PreparedStatement").resourceClass("S").resourceId(7)
                .connectionId(3).owner(MAIN).actor(WORKER).method("executeQuery").createdAt(OPENED).actedAt(USED)
                .otherActor(OTHER).otherActedAt(new StackTraceElement[] {frame("com.example.Orders", "total", 80)}).build();
        String block = log.format(f, null, null);
        assertTrue(block.endsWith("  while thread \"pool-1-thread-1\" (#22, virtual) was inside a call on the same connection, at\n"
                + "      com.example.Orders.total(Orders.java:80)"), block);
    }

    @Test
    void statementFindingNamesTheLineThatCreatedItAndItsConnectionsStack() {
        Finding f = statementLeak(new StackTraceElement[] {frame("com.example.Orders", "report", 71)});
        assertTrue(log.format(f, null, null).startsWith("connguard LEAK (EXIT) PreparedStatement S#9\n"
                + "  owned by thread \"main\" (#1), created at\n"
                + "      com.example.Orders.report(Orders.java:71)\n"
                + "  its connection opened at\n"
                + "      com.example.Orders.load(Orders.java:42)\n"), log.format(f, null, null));
    }

    @Test
    void statementFindingSaysWhenOnlyItsConnectionsStackIsKnown() {
        String block = log.format(statementLeak(new StackTraceElement[0]), null, null);
        assertTrue(block.contains("\n  owned by thread \"main\" (#1)\n  (only its connection's stack is known) its connection opened at\n"
                + "      com.example.Orders.load(Orders.java:42)\n"), block);
        assertFalse(block.contains("created at"), block);
    }

    @Test
    void connectionAFrameworkOpenedSaysWhoTookItForWhom() {
        Finding f = Finding.builder(Finding.LEAK).detectedBy(Finding.EXIT).resource("Connection").resourceClass("C")
                .resourceId(5).connectionId(5).owner(MAIN).createdAt(OPENED)
                .openedBy("org.springframework.jdbc.datasource.DataSourceTransactionManager.doBegin")
                .openedFor("com.example.OrderExportService.exportTotal").build();
        assertTrue(log.format(f, null, null).contains("\n  owned by thread \"main\" (#1), taken by "
                + "org.springframework.jdbc.datasource.DataSourceTransactionManager.doBegin for com.example.OrderExportService.exportTotal at\n"
                + "      com.example.Orders.load(Orders.java:42)"), log.format(f, null, null));
    }

    @Test
    void aNewPlaceOfAGroupedUseIsOneShortBlock() {
        Finding f = Finding.builder(Finding.CROSS_THREAD_USE).resource("PreparedStatement").resourceClass("S").resourceId(8)
                .connectionId(3).owner(MAIN).actor(WORKER).method("executeQuery")
                .createdAt(new StackTraceElement[] {frame("com.example.Orders", "report", 71)}).actedAt(USED)
                .test("com.example.OrdersTest.reports").connectionCreatedAt(OPENED).build();
        assertEquals("connguard CROSS_THREAD_USE again, at a new place, on the connection opened at com.example.Orders.load(Orders.java:42)\n"
                + "  used by thread \"pool-1-thread-2\" (#23) in executeQuery(\"SELECT ?\") on PreparedStatement#8 during test com.example.OrdersTest.reports\n"
                + "      com.example.Orders.lambda$save$0(Orders.java:57)", log.useFormat(f, "SELECT ?"));
    }

    private static Finding statementLeak(StackTraceElement[] created) {
        return Finding.builder(Finding.LEAK).detectedBy(Finding.EXIT).resource("PreparedStatement").resourceClass("S")
                .resourceId(9).connectionId(3).owner(MAIN).createdAt(created).connectionCreatedAt(OPENED).build();
    }

    @Test
    void wrongThreadCloseNamesTheClosingThread() {
        Finding f = Finding.builder(Finding.WRONG_THREAD_CLOSE).resource("Connection").resourceClass("C").resourceId(3)
                .connectionId(3).owner(WORKER).actor(MAIN).method("close").createdAt(OPENED).actedAt(USED).build();
        assertTrue(log.format(f, null, null).contains("\n  closed by thread \"main\" (#1)\n      com.example.Orders.lambda$save$0"));
    }

    @Test
    void leakHeadlineSaysHowItWasFound() {
        String block = log.format(Findings.leak(Finding.OWNER_THREAD_ENDED, null, null), "jdbc:sqlite:/tmp/x.db", null);
        assertTrue(block.startsWith("connguard LEAK (OWNER_THREAD_ENDED) Connection org.sqlite.jdbc4.JDBC4Connection#5 (jdbc:sqlite:/tmp/x.db)\n"
                + "  owned by thread \"main\" (#1), opened at\n"), block);
        assertTrue(block.endsWith("\n  never closed; its owner thread ended"), block);
    }

    @Test
    void everyLeakKindHasItsSentence() {
        assertTrue(log.format(Findings.leak(Finding.GC, null, null), null, null).endsWith("\n  unreachable while open (found by GC)"));
        assertTrue(log.format(Findings.leak(Finding.EXIT, null, null), null, null).endsWith("\n  still open at exit"));
        assertTrue(log.format(Findings.leak(Finding.HELD_TOO_LONG, null, null), null, null).endsWith("\n  open longer than 30s"));
        assertTrue(log.format(Findings.leak(Finding.PARENT_CLOSED, MAIN, USED), null, null)
                .endsWith("\n  still open when its connection was closed by thread \"main\" (#1) at\n"
                        + "      com.example.Orders.lambda$save$0(Orders.java:57)"));
    }

    @Test
    void leakOfAStatementShowsItsSql() {
        Finding f = Finding.builder(Finding.LEAK).detectedBy(Finding.EXIT).resource("PreparedStatement").resourceClass("S")
                .resourceId(9).connectionId(3).owner(MAIN).createdAt(OPENED).sql("SELECT ?").build();
        assertTrue(log.format(f, null, "SELECT ?").endsWith("\n  still open at exit\n  sql: SELECT ?"));
    }

    @Test
    void sqlAndNamesCannotBreakTheBlockIntoMoreLines() {
        Finding f = Finding.builder(Finding.CROSS_THREAD_USE).resource("Connection").resourceClass("C").resourceId(3)
                .connectionId(3).owner(new io.connguard.runtime.ThreadInfo("evil\nconnguard LEAK", 9, false)).actor(WORKER)
                .method("prepareStatement").createdAt(OPENED).actedAt(USED).build();
        String block = log.format(f, null, "SELECT a,\n       b\r\nFROM t");
        assertEquals(5 + OPENED.length - 1, block.split("\n").length, block);
        assertTrue(block.contains("prepareStatement(\"SELECT a,        b FROM t\")"), block);
    }

    @Test
    void longSqlIsCutInTheLog() {
        String sql = "SELECT " + "x,".repeat(2000) + "y FROM t";
        Finding f = Findings.crossThread(OPENED, USED, null, sql);
        String block = log.format(f, null, sql);
        assertTrue(block.contains("...\")"), block);
        assertTrue(block.length() < HumanLog.MAX_SQL + 400, block);
    }

    @Test
    void thresholdIsWrittenAsTheUserWouldWriteIt() {
        assertEquals("30s", HumanLog.threshold(30_000));
        assertEquals("2m", HumanLog.threshold(120_000));
        assertEquals("1h", HumanLog.threshold(3_600_000));
        assertEquals("1500ms", HumanLog.threshold(1_500));
        assertEquals("850ms", HumanLog.held(850));
        assertEquals("45.2s", HumanLog.held(45_200));
    }

    @Test
    void framesUseTheClassicFormat() {
        assertEquals("a.B.c(Native Method)", FrameFormat.format(new StackTraceElement("a.B", "c", "B.java", -2)));
        assertEquals("a.B.c(Unknown Source)", FrameFormat.format(new StackTraceElement("a.B", "c", null, -1)));
        assertEquals("a.B.c(B.java)", FrameFormat.format(new StackTraceElement("a.B", "c", "B.java", -1)));
        assertEquals("a.B.c(B.java:3)",
                FrameFormat.format(new StackTraceElement("app", "mod", "1.0", "a.B", "c", "B.java", 3)));
    }
}
