package io.connguard.report;

/**
 * ISO-8601 UTC timestamps with milliseconds ({@code 2026-11-25T13:15:26.982Z}) for the report.
 * {@code Instant.toString()} would do, but its first call loads the {@code java.time.format}
 * machinery, some 20 ms of every JVM's start-up for the start line alone.
 */
final class UtcTime {
    private UtcTime() {}

    static String format(long epochMillis) {
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        long millisOfDay = Math.floorMod(epochMillis, 86_400_000L);
        // civil date from days since 1970-01-01 (Howard Hinnant's algorithm, proleptic Gregorian)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        StringBuilder out = new StringBuilder(24);
        pad(out, year, 4).append('-');
        pad(out, month, 2).append('-');
        pad(out, day, 2).append('T');
        pad(out, millisOfDay / 3_600_000, 2).append(':');
        pad(out, millisOfDay / 60_000 % 60, 2).append(':');
        pad(out, millisOfDay / 1000 % 60, 2).append('.');
        return pad(out, millisOfDay % 1000, 3).append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) out.append('0');
        return out.append(digits);
    }
}
