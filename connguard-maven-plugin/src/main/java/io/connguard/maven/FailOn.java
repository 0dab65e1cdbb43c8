package io.connguard.maven;

import io.connguard.cli.BuildReport;
import io.connguard.cli.GatedKinds;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;

/** The finding kinds that fail the build: {@code failOn}, a list of kind names, {@code any} (the default) or {@code none}. */
final class FailOn {
    private final GatedKinds kinds;
    private final String text;

    private FailOn(GatedKinds kinds, String text) {
        this.kinds = kinds;
        this.text = text;
    }

    /**
     * @param list kind names separated by commas or white space, {@code any}, {@code none}, or null for {@code any}
     * @throws MojoExecutionException naming an unknown kind and the valid ones
     */
    static FailOn parse(String list) throws MojoExecutionException {
        String text = list == null || list.trim().isEmpty() ? "any" : list.trim();
        try {
            return new FailOn(GatedKinds.parse(text), text);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("connguard: " + e.getMessage() + " in <failOn>; valid: " + GatedKinds.valid());
        }
    }

    /**
     * Occurrences per kind of the report that fail the build (at sites its baseline, if any, does
     * not list), worst kind first; empty when it passes.
     */
    Map<String, Long> failing(BuildReport report) {
        return gated(report.findingsByKindOutsideBaseline());
    }

    /** Of {@code countsByKind}, the kinds this gate names, in their order there. */
    Map<String, Long> gated(Map<String, Long> countsByKind) {
        Map<String, Long> out = new LinkedHashMap<>(countsByKind);
        out.keySet().removeIf(kind -> !kinds.gates(kind));
        return out;
    }

    /** Whether any kind fails the build: with {@code none}, nothing does. */
    boolean gates() {
        return kinds.gatesAny();
    }

    @Override
    public String toString() {
        return text;
    }
}
