package io.connguard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Who closed a result set, as a use after close names it, when its statement is closed by another
 * thread while a query runs, driven as the hooks would drive it: sqlite-jdbc keeps one result set
 * object per statement, and each {@code executeQuery} first closes it itself, then hands it out
 * again.
 */
class UseAfterCloseTest {
    @Test
    void aResultSetHandedOutByAQueryWhoseStatementAnotherThreadClosedNamesThatClose() throws Exception {
        try (CapturedFindings captured = CapturedFindings.install()) {
            closeTheStatementWhileItsQueryRuns();
            List<Finding> uses = captured.findings().stream().filter(f -> f.kind.equals(Finding.USE_AFTER_CLOSE)).collect(Collectors.toList());
            assertEquals(1, uses.size(), "the read of the result set: " + captured.described());
            assertEquals("ResultSet", uses.get(0).resource);
            assertEquals("query", uses.get(0).actor.name);
            assertEquals(Thread.currentThread().getName(), uses.get(0).closedBy.name, "the thread that closed the statement");
            assertEquals(List.of(), captured.internalErrors(), "connguard's own errors");
        }
    }

    /**
     * Thread "query" runs a query twice on a statement it prepared; while its second query runs,
     * after the driver closed the statement's result set itself, this thread closes the statement;
     * then the query hands the result set out again and "query" reads it.
     */
    private static void closeTheStatementWhileItsQueryRuns() throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<TrackedObject> statement = new AtomicReference<>();
        Thread query = new Thread(() -> {
            TrackedObject ps = TrackedObject.openConnection("jdbc:test:race").prepareStatement("select 1");
            statement.set(ps);
            TrackedObject rs = new TrackedObject();
            Guard.exitFactory(rs, Guard.enter(ps, "executeQuery"), ps, "executeQuery", null);
            Object token = Guard.enter(ps, "executeQuery");
            Guard.exitClose(Guard.enterClose(rs, "close"), rs); // the driver's own close of the previous result
            inside.countDown();
            await(closed);
            Guard.exitFactory(rs, token, ps, "executeQuery", null);
            Guard.exit(Guard.enter(rs, "next"));
        }, "query");
        query.start();
        await(inside);
        TrackedObject ps = statement.get();
        Guard.exitClose(Guard.enterClose(ps, "close"), ps);
        closed.countDown();
        query.join();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
