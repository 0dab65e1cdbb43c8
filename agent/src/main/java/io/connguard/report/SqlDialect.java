package io.connguard.report;

import java.util.Locale;

/**
 * How the database a JDBC URL names reads string literals: what {@link SqlSanitizer} must know to
 * find them. Where the URL does not settle a question (the server's own SQL mode), the sanitizer
 * reads the text both ways and keeps only what both readings show.
 */
final class SqlDialect {
    /** What a backslash inside {@code '...'} is. */
    enum Backslash { ESCAPES, ORDINARY, EITHER }

    /** No URL, or a database not named below: every reading, {@code "..."} taken as a string. */
    static final SqlDialect UNKNOWN = new SqlDialect("unknown", Backslash.EITHER, false, true, true);
    /** SQLite: backslash is ordinary; {@code "..."} that names no column is a string (its double-quoted string misfeature). */
    static final SqlDialect SQLITE = new SqlDialect("SQLite", Backslash.ORDINARY, false, true, false);
    /** H2: backslash is ordinary, {@code "..."} is an identifier, {@code //} starts a comment. */
    static final SqlDialect H2 = new SqlDialect("H2", Backslash.ORDINARY, false, false, true);

    final String name;
    /** In {@code '...'}, {@code N'...'}, {@code X'...'} and, where it is a string, {@code "..."}. */
    final Backslash backslash;
    /**
     * {@code E'...'} is an escape string, where a backslash escapes whatever the setting (PostgreSQL);
     * elsewhere {@code E} before a quote is a name and the quote starts an ordinary string.
     */
    final boolean escapeStrings;
    /** {@code "..."} is a string literal (MySQL without ANSI_QUOTES, SQLite), not an identifier. */
    final boolean doubleQuotedIsString;
    /** {@code //} starts a comment to the end of the line (H2). */
    final boolean slashSlashComment;

    private SqlDialect(String name, Backslash backslash, boolean escapeStrings, boolean doubleQuotedIsString, boolean slashSlashComment) {
        this.name = name;
        this.backslash = backslash;
        this.escapeStrings = escapeStrings;
        this.doubleQuotedIsString = doubleQuotedIsString;
        this.slashSlashComment = slashSlashComment;
    }

    /**
     * The dialect of {@code url} ({@code jdbc:mysql:}, {@code jdbc:mariadb:}, {@code jdbc:postgresql:},
     * {@code jdbc:pgsql:}, {@code jdbc:sqlite:}, {@code jdbc:h2:}, also behind a wrapping driver such as
     * {@code jdbc:p6spy:mysql:}); {@link #UNKNOWN} for null or anything else.
     */
    static SqlDialect of(String url) {
        if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) return UNKNOWN;
        String lower = url.toLowerCase(Locale.ROOT);
        // the sub-protocols before the first '/', in order: the first one we know decides
        int end = lower.indexOf('/');
        for (String part : lower.substring(5, end < 0 ? lower.length() : end).split(":")) {
            switch (part) {
                case "mysql": case "mysql+srv": case "mariadb":
                    return mysql(lower);
                case "postgresql": case "pgsql":
                    return postgresql(lower);
                case "sqlite":
                    return SQLITE;
                case "h2":
                    return H2;
                default:
                    // a wrapping driver's name (p6spy, log4jdbc, tc, otel): look further
            }
        }
        return UNKNOWN;
    }

    /**
     * MySQL and MariaDB: {@code "..."} is a string unless {@code ANSI_QUOTES} is set, and a backslash
     * escapes unless {@code NO_BACKSLASH_ESCAPES} is. Both are SQL modes the server may have set
     * globally, which the URL cannot show: a mode the URL sets for the session (the drivers'
     * {@code sessionVariables=sql_mode=...}) is believed; otherwise {@code "..."} is a string and a
     * backslash may be either.
     */
    private static SqlDialect mysql(String url) {
        boolean ansiQuotes = url.contains("ansi_quotes");
        boolean noBackslashEscapes = url.contains("no_backslash_escapes");
        return new SqlDialect("MySQL", noBackslashEscapes ? Backslash.ORDINARY : Backslash.EITHER, false, !ansiQuotes, false);
    }

    /**
     * PostgreSQL: standard-conforming strings (the default since 9.1) make a backslash in {@code '...'}
     * ordinary; only {@code E'...'} escapes. A URL that turns them off ({@code options=-c
     * standard_conforming_strings=off}) makes it either.
     */
    private static SqlDialect postgresql(String url) {
        boolean off = url.replace("%3d", "=").replace(" ", "").contains("standard_conforming_strings=off");
        return new SqlDialect("PostgreSQL", off ? Backslash.EITHER : Backslash.ORDINARY, true, false, false);
    }

    @Override
    public String toString() {
        return name;
    }
}
