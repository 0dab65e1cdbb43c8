package io.connguard.report;

import static io.connguard.report.Findings.CONNECTION;
import static io.connguard.report.Findings.MAIN;
import static io.connguard.report.Findings.OPENED;
import static io.connguard.report.Findings.frame;
import static io.connguard.report.Findings.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.connguard.runtime.Finding;

/** The log blocks of pool-locking, transactions left open and use after close: what a developer reads. */
class MisuseBlocksTest {
    private final HumanLog log = new HumanLog(0);
    private static final StackTraceElement[] AUDIT = stack(frame("com.example.Audit", "log", 12), frame("com.example.Orders", "save", 60));
    private static final StackTraceElement[] CLOSED = stack(frame("com.example.Orders", "save", 71));

    @Test
    void nestedAcquireNamesThePoolAndBothBorrows() {
        Finding f = Finding.builder(Finding.NESTED_ACQUIRE).resource("Connection")
                .resourceClass("com.zaxxer.hikari.pool.HikariProxyConnection").resourceId(3).connectionId(3).owner(MAIN)
                .actor(MAIN).method("getConnection").createdAt(OPENED).actedAt(AUDIT)
                .poolClass("com.zaxxer.hikari.HikariDataSource").poolName("orders").build();
        assertEquals("connguard NESTED_ACQUIRE Connection com.zaxxer.hikari.pool.HikariProxyConnection#3\n"
                + "  owned by thread \"main\" (#1), opened at\n"
                + "      com.example.Orders.load(Orders.java:42)\n"
                + "      com.example.Main.main(Main.java:10)\n"
                + "  and, still holding it, borrowed another from the same pool com.zaxxer.hikari.HikariDataSource \"orders\" at\n"
                + "      com.example.Audit.log(Audit.java:12)\n"
                + "      com.example.Orders.save(Orders.java:60)\n"
                + "  once every connection is held by a thread waiting for a second, the pool deadlocks",
                log.format(f, null, null));
    }

    @Test
    void transactionLeftOpenShowsTheCloseAndTheFirstUncommittedWrite() {
        Finding f = Finding.builder(Finding.TRANSACTION_LEFT_OPEN).resource("Connection").resourceClass(CONNECTION)
                .resourceId(4).connectionId(4).owner(MAIN).actor(MAIN).method("close").createdAt(OPENED).actedAt(CLOSED)
                .sql("INSERT INTO orders VALUES ('x')").build();
        String block = log.format(f, null, "INSERT INTO orders VALUES (?)");
        assertTrue(block.endsWith("  closed by thread \"main\" (#1) with uncommitted writes at\n"
                + "      com.example.Orders.save(Orders.java:71)\n"
                + "  first uncommitted write: INSERT INTO orders VALUES (?)"), block);
    }

    @Test
    void useAfterCloseSaysWhoClosedItWhenAndWhereWhenRecorded() {
        Finding withoutStack = Finding.builder(Finding.USE_AFTER_CLOSE).resource("ResultSet")
                .resourceClass("org.h2.jdbc.JdbcResultSet").resourceId(5).connectionId(4).owner(MAIN).actor(MAIN).method("next")
                .createdAt(OPENED).actedAt(AUDIT).closedBy(MAIN).closedTime(1_764_480_000_000L).build();
        String block = log.format(withoutStack, null, null);
        assertTrue(block.contains("\n  used by thread \"main\" (#1) in next() after it was closed\n      com.example.Audit.log(Audit.java:12)\n"), block);
        assertTrue(block.endsWith("\n  closed by thread \"main\" (#1) at 2025-11-30T05:20:00.000Z (where: run with stacks=all)"), block);

        Finding withStack = Finding.builder(Finding.USE_AFTER_CLOSE).resource("ResultSet")
                .resourceClass("org.h2.jdbc.JdbcResultSet").resourceId(5).connectionId(4).owner(MAIN).actor(MAIN).method("next")
                .createdAt(OPENED).actedAt(AUDIT).closedBy(MAIN).closedAt(CLOSED).build();
        assertTrue(log.format(withStack, null, null).endsWith("\n  closed by thread \"main\" (#1), in\n      com.example.Orders.save(Orders.java:71)"));
    }

    @Test
    void strictModesMessageSaysWhoClosedIt() {
        Finding f = Finding.builder(Finding.USE_AFTER_CLOSE).resource("Connection").resourceClass(CONNECTION).resourceId(5)
                .connectionId(5).owner(MAIN).actor(MAIN).method("createStatement").createdAt(OPENED).actedAt(AUDIT)
                .closedBy(MAIN).build();
        assertEquals("connguard USE_AFTER_CLOSE: Connection " + CONNECTION + "#5 owned by thread \"main\" (#1) used by thread \"main\" (#1)"
                + " in createStatement after thread \"main\" (#1) closed it", f.summary());
    }
}
