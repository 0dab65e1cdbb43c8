package io.connguard.cli;

import static io.connguard.cli.ReportLines.CROSS_SITE;
import static io.connguard.cli.ReportLines.LEAK_SITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private MergedReport report(String... lines) throws IOException {
        ReportReader reader = new ReportReader(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        reader.read(ReportLines.write(dir, "1.jsonl", lines));
        return reader.merged();
    }

    private MergedReport threeKinds() throws IOException {
        return report(ReportLines.start(1), ReportLines.crossThread(), ReportLines.leak(3, "w-1"), ReportLines.wrongThreadClose(),
            ReportLines.summary(LEAK_SITE, 40, CROSS_SITE, 2, ReportLines.CLOSE_SITE, 1));
    }

    @Test
    void textListsSitesWorstFirstWithThreadsAndStacks() throws IOException {
        String text = TextFormat.write(threeKinds());

        assertTrue(text.startsWith("connguard report: 43 findings at 3 sites in 1 report (CROSS_THREAD_USE 2, WRONG_THREAD_CLOSE 1, LEAK 40)\n"), text);
        int leak = text.indexOf("#1 LEAK (OWNER_THREAD_ENDED)  x40  Connection org.sqlite.jdbc4.JDBC4Connection");
        int cross = text.indexOf("#2 CROSS_THREAD_USE  x2  Connection");
        int close = text.indexOf("#3 WRONG_THREAD_CLOSE  x1  Statement");
        assertTrue(leak > 0 && cross > leak && close > cross, text);
        assertTrue(text.contains("    owned by thread \"main\" (#1), opened at\n        com.example.Orders.load(Orders.java:42)\n"), text);
        assertTrue(text.contains("    used by thread \"pool-1-thread-2\" (#23) in prepareStatement\n"
            + "        com.example.Orders.lambda$save$0(Orders.java:57)\n"), text);
        assertTrue(text.contains("    closed by thread \"main\" (#1) in close\n"), text);
        assertTrue(text.contains("    was still open when its owner thread ended\n"), text);
        assertTrue(text.contains("    sql UPDATE orders SET total=? WHERE id=?\n"), text);
    }

    @Test
    void oneSharedConnectionIsOneSiteListingItsPlacesInEveryFormat() throws IOException {
        String[] shared = ReportLines.sharedConnection();
        MergedReport r = report(ReportLines.start(1), shared[0], shared[1], shared[2]);
        assertEquals(1, r.sites.size());
        String text = TextFormat.write(r);
        assertTrue(text.contains("#1 CROSS_THREAD_USE  x9  Connection org.postgresql.jdbc.PgConnection\n"), text);
        assertTrue(text.contains("    opened in test com.example.OrdersTest.shares\n"), text);
        assertTrue(text.contains("    used from 2 places:\n"
            + "        prepareStatement on Connection at com.example.Worker.query(Worker.java:30): 6x by thread \"pool-1-thread-1\" (#22), thread \"pool-1-thread-2\" (#23)\n"
            + "        executeUpdate on PreparedStatement at com.example.Worker.update(Worker.java:41): 3x by thread \"pool-1-thread-1\" (#22)\n"), text);

        String html = HtmlFormat.write(r);
        assertTrue(html.contains("<dt>opened in test</dt><dd><code>com.example.OrdersTest.shares</code></dd>"), html);
        assertTrue(html.contains("<li><code>executeUpdate on PreparedStatement at com.example.Worker.update(Worker.java:41)</code>: 3x by"), html);

        JsonNode result = JSON.readTree(SarifFormat.write(r, "0.1.0", new SourceRoots(dir))).path("runs").get(0).path("results").get(0);
        String message = result.path("message").path("text").asText();
        assertTrue(message.contains("from 2 places: prepareStatement on Connection at com.example.Worker.query(Worker.java:30) 6x"), message);
        assertTrue(message.contains("opened in test com.example.OrdersTest.shares"), message);
        assertEquals("com.example.OrdersTest.shares", result.path("properties").path("createdInTest").asText());
        assertEquals(2, result.path("properties").path("uses").size());
        assertEquals(2, result.path("relatedLocations").size());
        assertEquals(41, result.path("relatedLocations").get(1).path("physicalLocation").path("region").path("startLine").asInt());

        JsonNode site = JSON.readTree(JsonFormat.write(r)).path("sites").get(0);
        assertEquals(6, site.path("uses").get(0).path("count").asLong());
        assertEquals("com.example.OrdersTest.shares", site.path("createdInTest").asText());
    }

    @Test
    void leaksThroughOneHelperAreLocatedAtTheirCallersNotAllAtTheHelper() throws IOException {
        String load = "LEAK/EXIT Connection com.example.Db.open(Db.java:40) < com.example.Orders.load(Orders.java:12)";
        String save = "LEAK/EXIT Connection com.example.Db.open(Db.java:40) < com.example.Orders.save(Orders.java:30)";
        String loadGc = load.replace("EXIT", "GC");
        MergedReport r = report(ReportLines.start(1), helperLeak(load, "load", 12), helperLeak(save, "save", 30),
            helperLeak(loadGc, "load", 12).replace("EXIT", "GC"));
        JsonNode results = JSON.readTree(SarifFormat.write(r, "0.1.0", new SourceRoots(dir))).path("runs").get(0).path("results");
        List<Integer> lines = new ArrayList<>();
        for (JsonNode result : results) {
            lines.add(result.path("locations").get(0).path("physicalLocation").path("region").path("startLine").asInt());
            assertEquals(40, result.path("relatedLocations").get(0).path("physicalLocation").path("region").path("startLine").asInt());
        }
        lines.sort(null);
        assertEquals(List.of(12, 12, 30), lines, "another kind at the same place is located like it");
        List<Integer> jsonLines = new ArrayList<>();
        for (JsonNode site : JSON.readTree(JsonFormat.write(r)).path("sites")) jsonLines.add(site.path("location").path("line").asInt());
        jsonLines.sort(null);
        assertEquals(List.of(12, 12, 30), jsonLines);
    }

    private static String helperLeak(String site, String caller, int line) {
        return "{\"type\":\"finding\",\"kind\":\"LEAK\",\"detectedBy\":\"EXIT\",\"resource\":\"Connection\","
            + "\"createdAt\":[\"com.example.Db.open(Db.java:40)\",\"com.example.Orders." + caller + "(Orders.java:" + line + ")\"],"
            + "\"site\":\"" + site + "\",\"count\":1}";
    }

    @Test
    void aStatementIsLocatedAtItsOwnLineWithItsTestInEveryFormat() throws IOException {
        MergedReport r = report(ReportLines.start(1), ReportLines.statementLeak());
        String text = TextFormat.write(r);
        assertTrue(text.contains("    during test com.example.ReportTest.rows\n"
            + "    owned by thread \"main\" (#1), created at\n        com.example.Report.rows(Report.java:77)\n"
            + "    its connection opened at\n        com.example.Db.open(Db.java:40)\n"), text);
        assertTrue(HtmlFormat.write(r).contains("<dt>test</dt><dd><code>com.example.ReportTest.rows</code></dd>"));

        JsonNode result = JSON.readTree(SarifFormat.write(r, "0.1.0", new SourceRoots(dir))).path("runs").get(0).path("results").get(0);
        assertEquals(77, result.path("locations").get(0).path("physicalLocation").path("region").path("startLine").asInt());
        String message = result.path("message").path("text").asText();
        assertTrue(message.startsWith("PreparedStatement created by thread \"main\" (#1) at com.example.Report.rows(Report.java:77)"), message);
        assertTrue(message.contains("during test com.example.ReportTest.rows"), message);
        assertEquals("com.example.ReportTest.rows", result.path("properties").path("test").asText());
        assertEquals("its connection opened here", result.path("relatedLocations").get(0).path("message").path("text").asText());

        JsonNode site = JSON.readTree(JsonFormat.write(r)).path("sites").get(0);
        assertEquals("com.example.ReportTest.rows", site.path("test").asText());
        assertEquals("com.example.Db.open(Db.java:40)", site.path("connectionCreatedAt").get(0).asText());
        assertEquals(77, site.path("location").path("line").asInt());
    }

    @Test
    void textShowsTheFirstEightFramesAndCountsTheRest() throws IOException {
        List<String> frames = new ArrayList<>();
        for (int i = 1; i <= 12; i++) frames.add("\"com.example.Deep.f" + i + "(Deep.java:" + i + ")\"");
        String site = "LEAK/EXIT Connection com.example.Deep.f1(Deep.java:1)";
        String finding = "{\"type\":\"finding\",\"kind\":\"LEAK\",\"detectedBy\":\"EXIT\",\"resource\":\"Connection\",\"resourceId\":1,"
            + "\"owner\":{\"name\":\"main\",\"id\":1,\"virtual\":false},\"createdAt\":[" + String.join(",", frames) + "],"
            + "\"site\":\"" + site + "\",\"count\":1}";

        String text = TextFormat.write(report(ReportLines.start(1), finding));

        assertTrue(text.contains("com.example.Deep.f8(Deep.java:8)\n        ... 4 more\n"), text);
        assertFalse(text.contains("Deep.f9("), text);
    }

    @Test
    void textSaysSoWhenThereIsNothing() throws IOException {
        assertEquals("connguard report: no findings in 1 report\n", TextFormat.write(report(ReportLines.start(1), ReportLines.summary())));
    }

    @Test
    void htmlEscapesEverythingThatCameFromTheApplication() throws IOException {
        String hostile = ReportLines.crossThread()
            .replace("pool-1-thread-2", "<script>alert('x')</script>")
            .replace("UPDATE orders SET total=? WHERE id=?", "SELECT 1 WHERE a < b && c > \\\"d\\\"");

        String html = HtmlFormat.write(report(ReportLines.start(1), hostile));

        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("alert('x')"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), html);
        assertTrue(html.contains("SELECT 1 WHERE a &lt; b &amp;&amp; c &gt; &quot;d&quot;"), html);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<style>"), "styles are inline");
        assertFalse(html.contains("<link") || html.contains(" src="), "nothing is loaded from elsewhere");
        assertTrue(html.trim().endsWith("</html>"));
    }

    @Test
    void sarifHasTheRequiredStructureRulesAndOneResultPerSite() throws IOException {
        JsonNode doc = JSON.readTree(SarifFormat.write(threeKinds(), "0.1.0", new SourceRoots(dir)));

        assertEquals("2.1.0", doc.path("version").asText());
        assertTrue(doc.path("$schema").asText().endsWith("sarif-2.1.0.json"));
        assertEquals(1, doc.path("runs").size());
        JsonNode run = doc.path("runs").get(0);
        JsonNode driver = run.path("tool").path("driver");
        assertEquals("connguard", driver.path("name").asText());
        List<String> ruleIds = new ArrayList<>();
        for (JsonNode rule : driver.path("rules")) {
            ruleIds.add(rule.path("id").asText());
            assertFalse(rule.path("shortDescription").path("text").asText().isEmpty());
            assertFalse(rule.path("fullDescription").path("text").asText().isEmpty());
        }
        assertEquals(List.of("CROSS_THREAD_USE", "CONCURRENT_USE", "WRONG_THREAD_CLOSE", "LEAK", "NESTED_ACQUIRE",
            "TRANSACTION_LEFT_OPEN", "USE_AFTER_CLOSE"), ruleIds);

        JsonNode results = run.path("results");
        assertEquals(3, results.size());
        for (JsonNode result : results) {
            String ruleId = result.path("ruleId").asText();
            assertEquals(ruleId, ruleIds.get(result.path("ruleIndex").asInt()));
            assertEquals(ruleId.equals("LEAK") ? "warning" : "error", result.path("level").asText());
            assertFalse(result.path("message").path("text").asText().isEmpty());
            assertTrue(result.path("properties").path("count").asLong() > 0);
        }
        JsonNode cross = results.get(1);
        assertEquals("CROSS_THREAD_USE", cross.path("ruleId").asText());
        assertEquals(2, cross.path("properties").path("count").asLong());
        JsonNode physical = cross.path("locations").get(0).path("physicalLocation");
        assertEquals("com/example/Orders.java", physical.path("artifactLocation").path("uri").asText());
        assertEquals(42, physical.path("region").path("startLine").asInt());
        JsonNode related = cross.path("relatedLocations").get(0).path("physicalLocation");
        assertEquals(57, related.path("region").path("startLine").asInt());
        assertEquals("CROSS_THREAD_USE Connection com.example.Orders.load(Orders.java) -> com.example.Orders.lambda$save$0(Orders.java)",
            cross.path("partialFingerprints").path("connguardSite/v2").asText(), "line numbers are left out of the identity");
    }

    @Test
    void sarifLocatesTheSourceFileInTheProjectWhenItIsThere() throws IOException {
        Path source = dir.resolve("orders/src/main/java/com/example/Orders.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Orders {}");

        JsonNode doc = JSON.readTree(SarifFormat.write(threeKinds(), "0.1.0", new SourceRoots(dir)));

        JsonNode cross = doc.path("runs").get(0).path("results").get(1);
        assertEquals("orders/src/main/java/com/example/Orders.java",
            cross.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText());
    }

    @Test
    void sarifUrisAreEncodedAndJdkFramesAreNotLinked() {
        assertEquals("com/example/My%20File.java", SarifFormat.uri("com/example/My File.java"));
        assertEquals("p/%C3%A9t%C3%A9.kt", SarifFormat.uri("p/été.kt"));
    }

    @Test
    void sarifOfNoFindingsIsAValidEmptyRun() throws IOException {
        JsonNode doc = JSON.readTree(SarifFormat.write(report(ReportLines.start(1)), "0.1.0", new SourceRoots(dir)));

        assertEquals(0, doc.path("runs").get(0).path("results").size());
        assertEquals(7, doc.path("runs").get(0).path("tool").path("driver").path("rules").size());
    }

    @Test
    void jsonIsTheMergedSitesAsOneDocument() throws IOException {
        JsonNode doc = JSON.readTree(JsonFormat.write(threeKinds()));

        assertEquals(43, doc.path("findings").asLong());
        assertEquals(40, doc.path("kinds").path("LEAK").asLong());
        JsonNode first = doc.path("sites").get(0);
        assertEquals(LEAK_SITE, first.path("site").asText());
        assertEquals("OWNER_THREAD_ENDED", first.path("detectedBy").asText());
        assertEquals(40, first.path("count").asLong());
        assertEquals("com/example/Worker.java", first.path("location").path("file").asText());
        assertEquals(19, first.path("location").path("line").asInt());
        assertEquals("w-1", first.path("owner").path("name").asText());
    }

    /** Known sites are marked, not left out: a reader still sees them, the gate does not fail on them. */
    @Test
    void everyFormatMarksTheSitesOfTheBaselineAndListsTheFixedOnes() throws Exception {
        Path file = dir.resolve("b.json");
        MergedReport old = report(ReportLines.start(1), ReportLines.leak(3, "w-1"), ReportLines.statementLeak());
        Files.writeString(file, Baseline.write(old.sites));
        MergedReport r = threeKinds();
        r.compare(Baseline.read(file, "b.json"), "b.json");

        JsonNode json = JSON.readTree(JsonFormat.write(r));
        assertEquals(2, json.path("baseline").path("newSites").asInt());
        assertEquals(1, json.path("baseline").path("knownSites").asInt());
        assertEquals("LEAK/EXIT PreparedStatement com.example.Report.rows(Report.java)", json.path("baseline").path("fixed").get(0).asText());
        for (JsonNode site : json.path("sites")) assertEquals(site.path("kind").asText().equals("LEAK"), site.path("baselined").asBoolean(), site.toString());

        JsonNode sarif = JSON.readTree(SarifFormat.write(r, "9.9.9", new SourceRoots(dir)));
        for (JsonNode result : sarif.path("runs").get(0).path("results")) {
            assertEquals(result.path("ruleId").asText().equals("LEAK") ? "unchanged" : "new", result.path("baselineState").asText(), result.toString());
        }

        String html = HtmlFormat.write(r);
        assertTrue(html.contains("LEAK (OWNER_THREAD_ENDED) &middot; Connection &middot; in the baseline</h2>"), html);
        assertTrue(html.contains("<li><code>LEAK/EXIT PreparedStatement com.example.Report.rows(Report.java)</code></li>"), html);

        assertFalse(JSON.readTree(JsonFormat.write(threeKinds())).has("baseline"), "without a baseline, no such fields");
        assertFalse(JSON.readTree(SarifFormat.write(threeKinds(), "9.9.9", new SourceRoots(dir))).toString().contains("baselineState"));
    }

    /** What the agents' ignore option left out is summed over the reports and said, never silently dropped. */
    @Test
    void findingsTheAgentsIgnoredAreCountedInTextAndJson() throws IOException {
        String ignored = ",\"ignored\":{\"findings\":3,\"patterns\":[{\"pattern\":\"com.acme.legacy.*\",\"kinds\":{\"LEAK\":2,\"CROSS_THREAD_USE\":1}},"
            + "{\"pattern\":\"com.acme.Dao.load\",\"kinds\":{}}]}}";
        ReportReader reader = new ReportReader(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String summary = ReportLines.summary(LEAK_SITE, 1);
        reader.read(ReportLines.write(dir, "1.jsonl", ReportLines.start(1), ReportLines.leak(3, "w-1"), summary.substring(0, summary.length() - 1) + ignored));
        reader.read(ReportLines.write(dir, "2.jsonl", ReportLines.start(2), ReportLines.summary().replaceFirst("}$", ignored)));
        MergedReport r = reader.merged();

        assertEquals(6, r.ignoredFindings());
        String text = TextFormat.write(r);
        assertTrue(text.contains("\nleft out by the agent's ignore option: 6 findings (com.acme.legacy.*: LEAK 4, CROSS_THREAD_USE 2)\n"), text);
        assertTrue(text.contains("\nignore patterns that left out nothing: com.acme.Dao.load\n"), "a typo shows: " + text);
        JsonNode json = JSON.readTree(JsonFormat.write(r));
        assertEquals(4, json.path("ignored").path("com.acme.legacy.*").path("LEAK").asLong());
        assertTrue(json.path("ignored").has("com.acme.Dao.load"), "a pattern that hid nothing is listed: " + json);
    }
}
