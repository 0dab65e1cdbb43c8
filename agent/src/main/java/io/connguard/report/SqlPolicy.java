package io.connguard.report;

import io.connguard.options.SqlMode;

/** The {@code sql} option: how statement text appears in the log and the report. */
final class SqlPolicy {
    private final SqlMode mode;

    SqlPolicy(SqlMode mode) {
        this.mode = mode;
    }

    /** {@code sql} as the option says, read as {@code url}'s database (see {@link SqlSanitizer}); null when there is none or it is off. */
    String shown(String sql, String url) {
        if (sql == null || mode == SqlMode.OFF) return null;
        return mode == SqlMode.RAW ? sql : SqlSanitizer.sanitize(sql, url);
    }
}
