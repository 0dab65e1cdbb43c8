package io.connguard.runtime;

/**
 * DDL that commits: MySQL and MariaDB commit the open transaction before and after a statement
 * that defines or drops a table, view or index ({@code CREATE}, {@code ALTER}, {@code DROP},
 * {@code RENAME}, {@code TRUNCATE}; not one of a {@code TEMPORARY} table), and so do Oracle and
 * H2 ("this command commits an open transaction"). PostgreSQL, SQLite, SQL Server and Derby run
 * DDL inside the transaction, where it is a write like any other. Read from the URL the
 * connection was opened with and the statement's first two words.
 */
final class ImplicitCommit {
    private static final String[] COMMITTING_DDL = {"jdbc:mysql:", "jdbc:mariadb:", "jdbc:oracle:", "jdbc:h2:"};
    private static final String[] DDL = {"CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE"};
    private static final String[] TEMPORARY = {"TEMPORARY"};

    private ImplicitCommit() {}

    /**
     * Whether {@code sql}, run on the database {@code url} names (null: unknown), commits the open
     * transaction. Allocates nothing: it runs on every write under {@code setAutoCommit(false)}.
     */
    static boolean commits(String url, String sql) {
        if (url == null || sql == null || !Stacks.startsWithAny(url, COMMITTING_DDL)) return false;
        int first = skipSpaceAndComments(sql, 0);
        int length = wordLength(sql, first);
        if (!isAny(sql, first, length, DDL)) return false;
        int second = skipSpaceAndComments(sql, first + length);
        return !isAny(sql, second, wordLength(sql, second), TEMPORARY);
    }

    private static int skipSpaceAndComments(String sql, int i) {
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i) || c == '#') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else {
                break;
            }
        }
        return i;
    }

    private static int wordLength(String sql, int from) {
        int end = from;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) end++;
        return end - from;
    }

    /** Whether the word of {@code length} at {@code from} is one of {@code keywords}, in any case. */
    private static boolean isAny(String sql, int from, int length, String[] keywords) {
        for (String k : keywords) {
            if (k.length() == length && sql.regionMatches(true, from, k, 0, length)) return true;
        }
        return false;
    }
}
