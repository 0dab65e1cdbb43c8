package io.connguard.cli;

import io.connguard.contract.SiteKeyFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Report lines as the agent writes them (copied from real runs), for the report command's tests;
 * {@code ReportRoundTripTest} checks the reader against lines the real writer wrote.
 */
final class ReportLines {
    static final String CROSS_SITE = "CROSS_THREAD_USE Connection com.example.Orders.load(Orders.java:42) -> com.example.Orders.lambda$save$0(Orders.java:57)";
    static final String LEAK_SITE = "LEAK/OWNER_THREAD_ENDED Connection com.example.Worker.run(Worker.java:19)";
    static final String CLOSE_SITE = "WRONG_THREAD_CLOSE Statement com.example.Batch.open(Batch.java:11) -> com.example.Batch.closeAll(Batch.java:30)";

    private ReportLines() {}

    static String start(long pid) {
        return "{\"type\":\"start\",\"time\":\"2026-11-25T10:00:00Z\",\"version\":\"0.1.0\",\"pid\":" + pid
            + ",\"java\":\"17.0.15\",\"options\":{\"report\":\"target/connguard/%p.jsonl\",\"mode\":\"report\"}}";
    }

    static String crossThread() {
        return "{\"type\":\"finding\",\"time\":\"2026-11-25T10:00:01Z\",\"kind\":\"CROSS_THREAD_USE\",\"resource\":\"Connection\","
            + "\"resourceClass\":\"org.sqlite.jdbc4.JDBC4Connection\",\"resourceId\":1,\"connectionId\":1,"
            + "\"owner\":{\"name\":\"main\",\"id\":1,\"virtual\":false},\"actor\":{\"name\":\"pool-1-thread-2\",\"id\":23,\"virtual\":false},"
            + "\"method\":\"prepareStatement\",\"createdAt\":[\"com.example.Orders.load(Orders.java:42)\",\"com.example.App.main(App.java:9)\"],"
            + "\"actedAt\":[\"com.example.Orders.lambda$save$0(Orders.java:57)\",\"java.util.concurrent.FutureTask.run(FutureTask.java:264)\","
            + "\"java.lang.Thread.run(Thread.java:840)\"],\"url\":\"jdbc:sqlite:/tmp/orders.db\","
            + "\"sql\":\"UPDATE orders SET total=? WHERE id=?\",\"site\":\"" + CROSS_SITE + "\",\"count\":1}";
    }

    static String leak(long resourceId, String owner) {
        return "{\"type\":\"finding\",\"time\":\"2026-11-25T10:00:02Z\",\"kind\":\"LEAK\",\"detectedBy\":\"OWNER_THREAD_ENDED\","
            + "\"resource\":\"Connection\",\"resourceClass\":\"org.sqlite.jdbc4.JDBC4Connection\",\"resourceId\":" + resourceId
            + ",\"connectionId\":" + resourceId + ",\"owner\":{\"name\":\"" + owner + "\",\"id\":31,\"virtual\":false},"
            + "\"actor\":{\"name\":\"" + owner + "\",\"id\":31,\"virtual\":false},"
            + "\"createdAt\":[\"com.example.Worker.run(Worker.java:19)\",\"java.lang.Thread.run(Thread.java:840)\"],"
            + "\"url\":\"jdbc:sqlite:/tmp/orders.db\",\"site\":\"" + LEAK_SITE + "\",\"count\":1}";
    }

    static String wrongThreadClose() {
        return "{\"type\":\"finding\",\"time\":\"2026-11-25T10:00:03Z\",\"kind\":\"WRONG_THREAD_CLOSE\",\"resource\":\"Statement\","
            + "\"resourceClass\":\"org.sqlite.jdbc4.JDBC4Statement\",\"resourceId\":5,\"connectionId\":4,"
            + "\"owner\":{\"name\":\"worker-1\",\"id\":15,\"virtual\":false},\"actor\":{\"name\":\"main\",\"id\":1,\"virtual\":false},"
            + "\"method\":\"close\",\"createdAt\":[\"com.example.Batch.open(Batch.java:11)\"],"
            + "\"actedAt\":[\"com.example.Batch.closeAll(Batch.java:30)\"],\"site\":\"" + CLOSE_SITE + "\",\"count\":1}";
    }

    /** A site's occurrences so far, as the agent writes them while the count grows. */
    static String count(String site, long n) {
        return "{\"type\":\"count\",\"time\":\"2026-11-25T10:00:05Z\",\"site\":\"" + site + "\",\"count\":" + n + "}";
    }

    static final String SHARED_SITE = "CROSS_THREAD_USE Connection com.example.Orders.start(Orders.java:12) < com.example.OrdersTest.shares(OrdersTest.java:20)";

    /**
     * One connection, opened in a test, used by two threads at two places: the finding line, a
     * {@code use} line for the second place, and the summary with both places' counts.
     */
    static String[] sharedConnection() {
        String actor = "{\"name\":\"pool-1-thread-1\",\"id\":22,\"virtual\":false}";
        return new String[] {
            "{\"type\":\"finding\",\"time\":\"2026-11-25T10:00:01Z\",\"kind\":\"CROSS_THREAD_USE\",\"resource\":\"Connection\","
                + "\"resourceClass\":\"org.postgresql.jdbc.PgConnection\",\"resourceId\":1,\"connectionId\":1,"
                + "\"owner\":{\"name\":\"main\",\"id\":1,\"virtual\":false},\"actor\":" + actor + ",\"method\":\"prepareStatement\","
                + "\"createdAt\":[\"com.example.Orders.start(Orders.java:12)\",\"com.example.OrdersTest.shares(OrdersTest.java:20)\"],"
                + "\"actedAt\":[\"com.example.Worker.query(Worker.java:30)\"],\"createdInTest\":\"com.example.OrdersTest.shares\","
                + "\"site\":\"" + SHARED_SITE + "\",\"count\":1}",
            "{\"type\":\"use\",\"time\":\"2026-11-25T10:00:02Z\",\"kind\":\"CROSS_THREAD_USE\",\"site\":\"" + SHARED_SITE + "\","
                + "\"resource\":\"PreparedStatement\",\"resourceId\":4,\"method\":\"executeUpdate\",\"actor\":" + actor + ","
                + "\"actedAt\":[\"com.example.Worker.update(Worker.java:41)\"]}",
            "{\"type\":\"summary\",\"time\":\"2026-11-25T10:00:09Z\",\"findings\":9,\"kinds\":{},\"sites\":[{\"site\":\"" + SHARED_SITE
                + "\",\"kind\":\"CROSS_THREAD_USE\",\"count\":9,\"uses\":["
                + "{\"method\":\"prepareStatement\",\"resource\":\"Connection\",\"actedAt\":[\"com.example.Worker.query(Worker.java:30)\"],"
                + "\"threads\":[\"thread \\\"pool-1-thread-1\\\" (#22)\",\"thread \\\"pool-1-thread-2\\\" (#23)\"],\"count\":6},"
                + "{\"method\":\"executeUpdate\",\"resource\":\"PreparedStatement\",\"actedAt\":[\"com.example.Worker.update(Worker.java:41)\"],"
                + "\"threads\":[\"thread \\\"pool-1-thread-1\\\" (#22)\"],\"count\":3}]}]}"};
    }

    /** A statement leaked in a test: its own line, its connection's stack beside it. */
    static String statementLeak() {
        return "{\"type\":\"finding\",\"time\":\"2026-11-25T10:00:02Z\",\"kind\":\"LEAK\",\"detectedBy\":\"EXIT\","
            + "\"resource\":\"PreparedStatement\",\"resourceClass\":\"org.h2.jdbc.JdbcPreparedStatement\",\"resourceId\":7,\"connectionId\":6,"
            + "\"owner\":{\"name\":\"main\",\"id\":1,\"virtual\":false},\"createdAt\":[\"com.example.Report.rows(Report.java:77)\"],"
            + "\"connectionCreatedAt\":[\"com.example.Db.open(Db.java:40)\",\"com.example.ReportTest.rows(ReportTest.java:15)\"],"
            + "\"test\":\"com.example.ReportTest.rows\",\"createdInTest\":\"com.example.ReportTest.rows\","
            + "\"site\":\"LEAK/EXIT PreparedStatement com.example.Report.rows(Report.java:77)\",\"count\":1}";
    }

    /** A summary line: pairs of site and count. */
    static String summary(Object... siteAndCount) {
        StringBuilder sites = new StringBuilder();
        long total = 0;
        for (int i = 0; i < siteAndCount.length; i += 2) {
            String site = (String) siteAndCount[i];
            long n = ((Number) siteAndCount[i + 1]).longValue();
            total += n;
            String kind = SiteKeyFormat.kindOf(site);
            String cause = SiteKeyFormat.causeOf(site);
            String detectedBy = cause == null ? "" : ",\"detectedBy\":\"" + cause + "\"";
            if (sites.length() > 0) sites.append(',');
            sites.append("{\"site\":\"").append(site).append("\",\"kind\":\"").append(kind).append('"').append(detectedBy)
                 .append(",\"count\":").append(n).append('}');
        }
        return "{\"type\":\"summary\",\"time\":\"2026-11-25T10:00:09Z\",\"findings\":" + total + ",\"kinds\":{},\"sites\":[" + sites + "]}";
    }

    /** The agent's first internal error of a run, as it writes it. */
    static String internalError() {
        return "{\"type\":\"internalError\",\"time\":\"2026-11-25T10:00:04Z\",\"error\":\"java.lang.IllegalStateException: "
            + "could not instrument com.example.Odd; caused by java.lang.ArrayIndexOutOfBoundsException: 7 (at Odd.java:3)\"}";
    }

    /** A summary line of a run without findings that counted {@code n} internal errors. */
    static String summaryWithInternalErrors(long n) {
        return "{\"type\":\"summary\",\"time\":\"2026-11-25T10:00:09Z\",\"findings\":0,\"internalErrors\":" + n
            + ",\"kinds\":{},\"sites\":[]}";
    }

    static Path write(Path dir, String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        return p;
    }

    /** Without the final newline: the last line as a killed JVM leaves it. */
    static Path writeCut(Path dir, String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        return p;
    }
}
