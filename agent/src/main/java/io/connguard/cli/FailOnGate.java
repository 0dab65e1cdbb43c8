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
    private final GatedKinds kinds;
    private final String asGiven;

    /**
     * @param kinds the kinds that fail it; with none, the gate always passes, silently
     * @param asGiven the option's value as the user wrote it, for the message
     */
    FailOnGate(GatedKinds kinds, String asGiven) {
        this.kinds = kinds;
        this.asGiven = asGiven;
    }

    /**
     * Says on {@code err} why the gate fails, or that it passes only thanks to the baseline.
     *
     * @return 1 when it fails, else 0
     */
    int exitStatus(MergedReport report, PrintStream err) {
        if (!kinds.gatesAny()) return 0;
        // a run whose detection was incomplete passes no gate: what it missed is not in the report
        boolean incomplete = report.internalErrors > 0;
        if (incomplete) err.println("connguard report: failing, " + report.internalErrorsLine() + " (--fail-on " + asGiven + ")");
        long matched = 0;
        long known = 0;
        Set<String> matchedKinds = new LinkedHashSet<>();
        for (MergedSite s : report.sites) {
            if (!kinds.gates(s.kind)) continue;
            if (s.baselined) {
                known += s.count;
                continue;
            }
            matched += s.count;
            matchedKinds.add(s.kind);
        }
        String baselineName = report.baselineName;
        String ofThoseKinds = kinds.gatesEvery() ? "" : " of those kinds";
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
