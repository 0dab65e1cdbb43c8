package io.connguard.report;

import java.util.Map;

/** The log's last line: how many findings at how many sites, per kind, and where the report is. */
final class SummaryText {
    private SummaryText() {}

    /**
     * {@code connguard: 5 findings at 2 sites (LEAK 4, CROSS_THREAD_USE 1); report: FILE}; {@code kinds} in
     * the order to show, kinds with 0 left out; {@code reportText} the report file as the log names it.
     */
    static String of(Map<String, Long> kinds, long total, int siteCount, long ignoredTotal, String reportText) {
        String hidden = ignoredTotal == 0 ? "" : "; " + ignoredTotal + " more left out by the ignore option";
        if (total == 0) return "connguard: no findings" + hidden + "; report: " + reportText;
        StringBuilder b = new StringBuilder("connguard: ").append(total).append(total == 1 ? " finding" : " findings")
                .append(" at ").append(siteCount).append(siteCount == 1 ? " site (" : " sites (");
        String sep = "";
        for (Map.Entry<String, Long> e : kinds.entrySet()) {
            if (e.getValue() == 0) continue;
            b.append(sep).append(e.getKey()).append(' ').append(e.getValue());
            sep = ", ";
        }
        return b.append(')').append(hidden).append("; report: ").append(reportText).toString();
    }
}
