package io.connguard.it;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** One {@code finding} line of the report, with the checks every true-positive test makes. */
public final class FindingLine {
    private final JsonNode node;
    private final Report report;

    FindingLine(JsonNode node, Report report) {
        this.node = node;
        this.report = report;
    }

    public JsonNode json() {
        return node;
    }

    public String kind() {
        return text("kind");
    }

    public String detectedBy() {
        return text("detectedBy");
    }

    public String resource() {
        return text("resource");
    }

    public String resourceClass() {
        return text("resourceClass");
    }

    public long resourceId() {
        return node.path("resourceId").asLong(-1);
    }

    public String ownerName() {
        return node.path("owner").path("name").asText(null);
    }

    public boolean ownerVirtual() {
        return node.path("owner").path("virtual").asBoolean(false);
    }

    public String actorName() {
        return node.path("actor").path("name").asText(null);
    }

    public boolean actorVirtual() {
        return node.path("actor").path("virtual").asBoolean(false);
    }

    public String otherActorName() {
        return node.path("otherActor").path("name").asText(null);
    }

    public String method() {
        return text("method");
    }

    public String url() {
        return text("url");
    }

    public String sql() {
        return text("sql");
    }

    public String site() {
        JsonNode site = node.get("site");
        return site == null || site.isNull() ? null : site.isTextual() ? site.asText() : site.toString();
    }

    public long count() {
        return node.path("count").asLong(1);
    }

    public List<String> createdAt() {
        return frames("createdAt");
    }

    public List<String> actedAt() {
        return frames("actedAt");
    }

    public List<String> connectionCreatedAt() {
        return frames("connectionCreatedAt");
    }

    /**
     * The stack starts where the bug is: its first frame is in the scenario class (or one of its nested
     * classes and lambdas), not in a driver, a pool, the JDK or the agent.
     */
    public FindingLine assertFirstFrameIn(String stack, Class<?> scenario) {
        List<String> frames = frames(stack);
        if (frames.isEmpty()) throw report.fail(describe() + ": " + stack + " is missing or empty");
        String first = frames.get(0);
        String name = scenario.getName();
        if (!(first.startsWith(name + ".") || first.startsWith(name + "$"))) {
            throw report.fail(describe() + ": the first " + stack + " frame is " + first + ", expected a frame of " + name);
        }
        return this;
    }

    /** Field equals, failing with the whole run. */
    public FindingLine assertField(String field, String expected) {
        String actual = text(field);
        if (!expected.equals(actual)) {
            throw report.fail(describe() + ": " + field + " is " + (actual == null ? "absent" : "\"" + actual + "\"")
                    + ", expected \"" + expected + "\"");
        }
        return this;
    }

    public FindingLine assertResourceClassStartsWith(String prefix) {
        String actual = resourceClass();
        if (actual == null || !actual.startsWith(prefix)) {
            throw report.fail(describe() + ": resourceClass is " + actual + ", expected a class starting with " + prefix);
        }
        return this;
    }

    public FindingLine assertOwner(String thread) {
        return assertThread("owner", ownerName(), thread);
    }

    public FindingLine assertActor(String thread) {
        return assertThread("actor", actorName(), thread);
    }

    public FindingLine assertOtherActor(String thread) {
        return assertThread("otherActor", otherActorName(), thread);
    }

    private FindingLine assertThread(String field, String actual, String expected) {
        if (!expected.equals(actual)) {
            throw report.fail(describe() + ": " + field + ".name is " + (actual == null ? "absent" : "\"" + actual + "\"")
                    + ", expected \"" + expected + "\"");
        }
        return this;
    }

    public FindingLine assertThat(boolean condition, String what) {
        if (!condition) throw report.fail(describe() + ": " + what);
        return this;
    }

    String describe() {
        return kind() + (detectedBy() == null ? "" : "/" + detectedBy()) + " " + resource() + " " + resourceClass()
                + "#" + resourceId();
    }

    /** The frames of a stack field ({@code createdAt}, {@code actedAt}, {@code connectionCreatedAt}, ...); empty if absent. */
    public List<String> frames(String field) {
        List<String> frames = new ArrayList<>();
        for (JsonNode f : node.path(field)) frames.add(f.isTextual() ? f.asText() : f.toString());
        return frames;
    }

    private String text(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Override
    public String toString() {
        return node.toString();
    }
}
