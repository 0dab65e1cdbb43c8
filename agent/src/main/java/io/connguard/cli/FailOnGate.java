package io.connguard.cli;

import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code report --fail-on}: the CI gate. It fails when findings of the chosen kinds exist at sites
 * the baseline (if the report was compared with one) does not know; findings at known sites are
 * only counted in its message. It also fails when the agent met internal errors in a run: its
 * detection was incomplete, and what it missed cannot be gated on.
 */
final class FailOnGate {
    private final Set<String> kinds;
    private final String asGiven;

    /**
     * @param kinds kind names in upper case, or {@code any}; empty: the gate always passes, silently
     * @param asGiven the option's value as the user wrote it, for the message
     */
    FailOnGate(Set<String> kinds, String asGiven) {
        this.kinds = kinds;
        this.asGiven = asGiven;
    }

    /**
     * Says on {@code err} why the gate fails, or that it passes only thanks to the baseline.
     *
     * @return 1 when it fails, else 0
     */
    int exitStatus(MergedReport report, PrintStream err) {
        if (kinds.isEmpty()) return 0;
        // a run whose detection was incomplete passes no gate: what it missed is not in the report
        boolean incomplete = report.internalErrors > 0;
        if (incomplete) err.println("connguard report: failing, " + report.internalErrorsLine() + " (--fail-on " + asGiven + ")");
        long matched = 0;
        long known = 0;
        Set<String> matchedKinds = new LinkedHashSet<>();
        for (MergedSite s : report.sites) {
            if (!kinds.contains("any") && !kinds.contains(s.kind)) continue;
            if (s.baselined) {
                known += s.count;
                continue;
            }
            matched += s.count;
            matchedKinds.add(s.kind);
        }
        String baselineName = report.baselineName;
        String ofThoseKinds = kinds.contains("any") ? "" : " of those kinds";
        String inBaseline = known == 0 ? "" : "; " + TextFormat.plural(known, "finding") + ofThoseKinds + " at sites the baseline " + baselineName + " lists";
        if (matched == 0) {
            if (known > 0 && !incomplete) err.println("connguard report: passing" + inBaseline);
            return incomplete ? 1 : 0;
        }
        err.println("connguard report: failing, " + TextFormat.plural(matched, "finding") + " of " + String.join(", ", matchedKinds)
            + (baselineName == null ? "" : " at sites not in the baseline " + baselineName) + " (--fail-on " + asGiven + ")" + inBaseline);
        return 1;
    }
}
