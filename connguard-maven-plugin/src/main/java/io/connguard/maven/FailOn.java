package io.connguard.maven;

import io.connguard.cli.BuildReport;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;

/** The finding kinds that fail the build: a list of kind names, {@code any} (the default) or {@code none}. */
final class FailOn {
    private final Set<String> kinds;
    private final String text;

    private FailOn(Set<String> kinds, String text) {
        this.kinds = kinds;
        this.text = text;
    }

    /**
     * @param list kind names separated by commas or white space, {@code any}, {@code none}, or null for {@code any}
     * @throws MojoExecutionException naming an unknown kind and the valid ones
     */
    static FailOn parse(String list) throws MojoExecutionException {
        Set<String> kinds = new LinkedHashSet<>();
        String text = list == null || list.trim().isEmpty() ? "any" : list.trim();
        for (String part : text.split("[,\\s]+")) {
            String name = part.toUpperCase(Locale.ROOT);
            if (name.equals("ANY")) kinds.addAll(BuildReport.kinds());
            else if (name.equals("NONE")) continue;
            else if (BuildReport.kinds().contains(name)) kinds.add(name);
            else throw new MojoExecutionException("connguard: unknown kind '" + part + "' in <failOn>; valid: "
                + String.join(", ", BuildReport.kinds()) + ", any, none");
        }
        return new FailOn(kinds, text);
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
        out.keySet().retainAll(kinds);
        return out;
    }

    /** Whether any kind fails the build: with {@code none}, nothing does. */
    boolean gates() {
        return !kinds.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }
}
