package io.connguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pool-locking, transactions left open and use after close in every format of the report command, and as a gate. */
class MisuseKindsReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String NESTED_SITE = "NESTED_ACQUIRE Connection com.example.Orders.save(Orders.java:20) -> com.example.Audit.log(Audit.java:12)";
    static final String TX_SITE = "TRANSACTION_LEFT_OPEN Connection com.example.Orders.save(Orders.java:20) -> com.example.Orders.save(Orders.java:31)";
    static final String CLOSED_SITE = "USE_AFTER_CLOSE ResultSet com.example.Dao.find(Dao.java:8) -> com.example.Page.render(Page.java:40)";
    private static final String MAIN = "{\"name\":\"main\",\"id\":1,\"virtual\":false}";

    @TempDir
    Path dir;

    static String nested() {
        return "{\"type\":\"finding\",\"time\":\"2026-11-25T10:00:01Z\",\"kind\":\"NESTED_ACQUIRE\",\"resource\":\"Connection\","
            + "\"resourceClass\":\"com.zaxxer.hikari.pool.HikariProxyConnection\",\"resourceId\":1,\"connectionId\":1,\"owner\":" + MAIN
            + ",\"actor\":" + MAIN + ",\"method\":\"getConnection\",\"createdAt\":[\"com.example.Orders.save(Orders.java:20)\"],"
            + "\"actedAt\":[\"com.example.Audit.log(Audit.java:12)\",\"com.example.Orders.save(Orders.java:25)\"],"
            + "\"pool\":{\"class\":\"com.zaxxer.hikari.HikariDataSource\",\"name\":\"orders\"},\"site\":\"" + NESTED_SITE + "\",\"count\":1}";
    }

    static String transaction() {
        return "{\"type\":\"finding\",\"time\":\"2026-11-25T10:00:02Z\",\"kind\":\"TRANSACTION_LEFT_OPEN\",\"resource\":\"Connection\","
            + "\"resourceClass\":\"org.h2.jdbc.JdbcConnection\",\"resourceId\":2,\"connectionId\":2,\"owner\":" + MAIN + ",\"actor\":" + MAIN
            + ",\"method\":\"close\",\"createdAt\":[\"com.example.Orders.save(Orders.java:20)\"],"
            + "\"actedAt\":[\"com.example.Orders.save(Orders.java:31)\"],\"sql\":\"INSERT INTO orders VALUES (?)\","
            + "\"site\":\"" + TX_SITE + "\",\"count\":1}";
    }

    static String closed() {
        return "{\"type\":\"finding\",\"time\":\"2026-11-25T10:00:03Z\",\"kind\":\"USE_AFTER_CLOSE\",\"resource\":\"ResultSet\","
            + "\"resourceClass\":\"org.h2.jdbc.JdbcResultSet\",\"resourceId\":3,\"connectionId\":2,\"owner\":" + MAIN + ",\"actor\":" + MAIN
            + ",\"method\":\"next\",\"createdAt\":[\"com.example.Dao.find(Dao.java:8)\"],\"actedAt\":[\"com.example.Page.render(Page.java:40)\"],"
            + "\"closedBy\":" + MAIN + ",\"closedAt\":[\"com.example.Dao.find(Dao.java:11)\"],\"closedTime\":\"2026-11-25T10:00:02.500Z\","
            + "\"site\":\"" + CLOSED_SITE + "\",\"count\":1}";
    }

    private MergedReport report() throws IOException {
        ReportReader reader = new ReportReader(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        reader.read(write());
        return reader.merged();
    }

    private Path write() throws IOException {
        return ReportLines.write(dir, "1.jsonl", ReportLines.start(1), nested(), transaction(), closed(),
            ReportLines.summary(NESTED_SITE, 1, TX_SITE, 1, CLOSED_SITE, 2));
    }

    @Test
    void textSaysWhatEachKindIsAbout() throws IOException {
        String text = TextFormat.write(report());
        assertTrue(text.contains("(NESTED_ACQUIRE 1, TRANSACTION_LEFT_OPEN 1, USE_AFTER_CLOSE 2)"), text);
        assertTrue(text.contains("    owned by thread \"main\" (#1), borrowed at\n        com.example.Orders.save(Orders.java:20)\n"
            + "    borrowed again from com.zaxxer.hikari.HikariDataSource \"orders\" by thread \"main\" (#1)\n"
            + "        com.example.Audit.log(Audit.java:12)\n"), text);
        assertTrue(text.contains("    closed with uncommitted writes by thread \"main\" (#1)\n        com.example.Orders.save(Orders.java:31)\n"), text);
        assertTrue(text.contains("    sql INSERT INTO orders VALUES (?)\n"), text);
        assertTrue(text.contains("    after thread \"main\" (#1) closed it at 2026-11-25T10:00:02.500Z, in\n        com.example.Dao.find(Dao.java:11)\n"), text);
    }

    @Test
    void sarifHasARulePerKindAndTheCloseAsAStack() throws IOException {
        JsonNode sarif = JSON.readTree(SarifFormat.write(report(), "0.1.0", new SourceRoots(dir)));
        JsonNode run = sarif.path("runs").get(0);
        StringBuilder rules = new StringBuilder();
        run.path("tool").path("driver").path("rules").forEach(r -> rules.append(r.path("id").asText()).append(' '));
        assertTrue(rules.toString().contains("NESTED_ACQUIRE TRANSACTION_LEFT_OPEN USE_AFTER_CLOSE"), rules.toString());
        JsonNode closed = null;
        for (JsonNode r : run.path("results")) if (r.path("ruleId").asText().equals("USE_AFTER_CLOSE")) closed = r;
        assertTrue(closed != null && closed.path("message").path("text").asText().contains("after thread \"main\" (#1) closed it at com.example.Dao.find"),
            String.valueOf(closed));
        assertEquals("closed by main", closed.path("stacks").get(2).path("message").path("text").asText().replace("thread \"main\" (#1)", "main"));
    }

    @Test
    void jsonCarriesThePoolAndTheClose() throws IOException {
        JsonNode doc = JSON.readTree(JsonFormat.write(report()));
        for (JsonNode s : doc.path("sites")) {
            if (s.path("kind").asText().equals("NESTED_ACQUIRE")) assertEquals("orders", s.path("pool").path("name").asText());
            if (s.path("kind").asText().equals("USE_AFTER_CLOSE")) {
                assertEquals("main", s.path("closedBy").path("name").asText());
                assertEquals("2026-11-25T10:00:02.500Z", s.path("closedTime").asText());
            }
        }
        assertEquals(2, doc.path("kinds").path("USE_AFTER_CLOSE").asLong());
    }

    @Test
    void htmlNamesThePoolAndWhoClosedIt() throws IOException {
        String html = HtmlFormat.write(report());
        assertTrue(html.contains("<dt>pool</dt><dd><code>com.zaxxer.hikari.HikariDataSource &quot;orders&quot;</code></dd>"), html);
        assertTrue(html.contains("<dt>closed by</dt><dd><code>thread &quot;main&quot; (#1)</code></dd>"), html);
        assertTrue(html.contains("borrowed again at"), html);
    }

    @Test
    void failOnTakesTheNewKinds() throws IOException {
        write();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"report", "--fail-on", "use_after_close,TRANSACTION_LEFT_OPEN", "1.jsonl"},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), dir);
        assertEquals(1, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("failing, 3 findings of USE_AFTER_CLOSE, TRANSACTION_LEFT_OPEN"), err.toString(StandardCharsets.UTF_8));
    }
}
