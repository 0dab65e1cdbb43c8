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
        Finding f = new Finding(Finding.NESTED_ACQUIRE, null, "Connection", "com.zaxxer.hikari.pool.HikariProxyConnection", 3, 3,
                MAIN, MAIN, "getConnection", OPENED, AUDIT, null, null, null, null, null, null, null, null, null,
                "com.zaxxer.hikari.HikariDataSource", "orders", null, null, 0);
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
        Finding f = new Finding(Finding.TRANSACTION_LEFT_OPEN, null, "Connection", CONNECTION, 4, 4, MAIN, MAIN, "close",
                OPENED, CLOSED, null, null, null, "INSERT INTO orders VALUES ('x')", null, null);
        String block = log.format(f, null, "INSERT INTO orders VALUES (?)");
        assertTrue(block.endsWith("  closed by thread \"main\" (#1) with uncommitted writes at\n"
                + "      com.example.Orders.save(Orders.java:71)\n"
                + "  first uncommitted write: INSERT INTO orders VALUES (?)"), block);
    }

    @Test
    void useAfterCloseSaysWhoClosedItWhenAndWhereWhenRecorded() {
        Finding withoutStack = new Finding(Finding.USE_AFTER_CLOSE, null, "ResultSet", "org.h2.jdbc.JdbcResultSet", 5, 4, MAIN, MAIN,
                "next", OPENED, AUDIT, null, null, null, null, null, null, null, null, null, null, null, MAIN, null, 1_764_480_000_000L);
        String block = log.format(withoutStack, null, null);
        assertTrue(block.contains("\n  used by thread \"main\" (#1) in next() after it was closed\n      com.example.Audit.log(Audit.java:12)\n"), block);
        assertTrue(block.endsWith("\n  closed by thread \"main\" (#1) at 2025-11-30T05:20:00.000Z (where: run with stacks=all)"), block);

        Finding withStack = new Finding(Finding.USE_AFTER_CLOSE, null, "ResultSet", "org.h2.jdbc.JdbcResultSet", 5, 4, MAIN, MAIN,
                "next", OPENED, AUDIT, null, null, null, null, null, null, null, null, null, null, null, MAIN, CLOSED, 0);
        assertTrue(log.format(withStack, null, null).endsWith("\n  closed by thread \"main\" (#1), in\n      com.example.Orders.save(Orders.java:71)"));
    }

    @Test
    void strictModesMessageSaysWhoClosedIt() {
        Finding f = new Finding(Finding.USE_AFTER_CLOSE, null, "Connection", CONNECTION, 5, 5, MAIN, MAIN,
                "createStatement", OPENED, AUDIT, null, null, null, null, null, null, null, null, null, null, null, MAIN, null, 0);
        assertEquals("connguard USE_AFTER_CLOSE: Connection " + CONNECTION + "#5 owned by thread \"main\" (#1) used by thread \"main\" (#1)"
                + " in createStatement after thread \"main\" (#1) closed it", f.summary());
    }
}
