package io.connguard.report;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the database a JDBC URL names reads a SQL text: what {@link SqlSanitizer} must know to find its
 * literals and comments. Each lexical question the databases answer differently is a {@link Rule}; a
 * dialect says which rules always hold and which are open (unknown database, a server's SQL mode that
 * the URL cannot show). The sanitizer reads the text once for every way the open rules may fall and
 * keeps only what all the readings show.
 */
final class SqlDialect {
    /** A lexical rule some databases follow and others do not. */
    enum Rule {
        /** A backslash in {@code '...'} (and a {@code "..."} string) escapes the next character (MySQL's default). */
        BACKSLASH_ESCAPES("\\"),
        /** {@code E'...'} escapes with backslashes whatever the setting (PostgreSQL); elsewhere E is a name. */
        ESCAPE_STRINGS("\\"),
        /** {@code "..."} is a string (MySQL without ANSI_QUOTES, SQLite), not an identifier. */
        DOUBLE_QUOTED_STRINGS("\""),
        /** {@code #} starts a comment to the end of the line, with or without a space after it (MySQL). */
        HASH_COMMENTS("#"),
        /** {@code --} starts a comment only before whitespace, a control character or the end (MySQL). */
        DASH_DASH_NEEDS_SPACE("--"),
        /** Block comments nest (PostgreSQL, H2); elsewhere the first {@code *}{@code /} ends one. */
        NESTED_COMMENTS("/*"),
        /** {@code [...]} is a quoted identifier (SQLite, SQL Server, H2's MSSQLServer mode), not a subscript. */
        BRACKET_IDENTIFIERS("["),
        /** Inside {@code [...]}, {@code ]]} stands for {@code ]} (SQL Server). */
        DOUBLED_BRACKETS("]]"),
        /**
         * {@code /*!} and {@code /*M!} hold code (MySQL, MariaDB); a version above the server's, or
         * {@code M!} on MySQL, makes them a comment.
         */
        EXECUTABLE_COMMENTS("/*!", "/*M!"),
        /** {@code //} starts a comment to the end of the line (H2). */
        SLASH_SLASH_COMMENTS("//"),
        /** {@code $$...$$} and {@code $tag$...$tag$} are strings (PostgreSQL, H2); elsewhere {@code $} is part of a name. */
        DOLLAR_QUOTES("$");

        /** A text without any of these cannot tell whether the rule holds: one reading is enough. */
        private final String[] marks;

        Rule(String... marks) {
            this.marks = marks;
        }

        boolean raisedBy(String sql) {
            for (String mark : marks) {
                if (sql.contains(mark)) return true;
            }
            return false;
        }
    }

    /** No URL, or a database not named below: every rule open. */
    static final SqlDialect UNKNOWN = new SqlDialect("unknown", EnumSet.noneOf(Rule.class), EnumSet.allOf(Rule.class));
    /** SQLite: {@code "..."} that names no column is a string (its double-quoted string misfeature), {@code [x]} a name. */
    static final SqlDialect SQLITE = new SqlDialect("SQLite",
            EnumSet.of(Rule.DOUBLE_QUOTED_STRINGS, Rule.BRACKET_IDENTIFIERS), EnumSet.noneOf(Rule.class));
    /** H2: {@code "..."} is an identifier, comments nest, {@code //} starts one; {@code [x]} is a name in MSSQLServer mode. */
    static final SqlDialect H2 = new SqlDialect("H2",
            EnumSet.of(Rule.NESTED_COMMENTS, Rule.SLASH_SLASH_COMMENTS, Rule.DOLLAR_QUOTES), EnumSet.of(Rule.BRACKET_IDENTIFIERS));

    final String name;
    private final Set<Rule> always;
    private final Set<Rule> open;

    private SqlDialect(String name, Set<Rule> always, Set<Rule> open) {
        this.name = name;
        this.always = always;
        this.open = open;
    }

    /** True when the URL leaves it to the server whether {@code rule} holds. */
    boolean isOpen(Rule rule) {
        return open.contains(rule);
    }

    /**
     * Every set of rules {@code sql} may be read by: the rules that always hold, with each subset of
     * the open rules that the text gives occasion to (a text without a backslash is read one way
     * whatever the backslash rule).
     */
    List<Set<Rule>> readings(String sql) {
        List<Set<Rule>> readings = new ArrayList<>();
        readings.add(EnumSet.copyOf(always));
        for (Rule rule : open) {
            if (!rule.raisedBy(sql)) continue;
            for (int i = 0, size = readings.size(); i < size; i++) {
                Set<Rule> with = EnumSet.copyOf(readings.get(i));
                with.add(rule);
                readings.add(with);
            }
        }
        return readings;
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
     * MySQL and MariaDB (either driver may talk to either server): {@code #} and {@code -- } comments,
     * comments do not nest. {@code "..."} is a string unless {@code ANSI_QUOTES} is set, and a backslash
     * escapes unless {@code NO_BACKSLASH_ESCAPES} is: SQL modes the server may have set globally, which
     * the URL cannot show. A mode the URL sets for the session (the drivers'
     * {@code sessionVariables=sql_mode=...}) is believed; otherwise both are open. Whether an executable
     * comment runs depends on the server's version and make: open.
     */
    private static SqlDialect mysql(String url) {
        Set<Rule> open = EnumSet.of(Rule.EXECUTABLE_COMMENTS);
        if (!url.contains("ansi_quotes")) open.add(Rule.DOUBLE_QUOTED_STRINGS);
        if (!url.contains("no_backslash_escapes")) open.add(Rule.BACKSLASH_ESCAPES);
        return new SqlDialect("MySQL", EnumSet.of(Rule.HASH_COMMENTS, Rule.DASH_DASH_NEEDS_SPACE), open);
    }

    /**
     * PostgreSQL: comments nest, dollar quotes; standard-conforming strings (the default since 9.1)
     * make a backslash in {@code '...'} ordinary, only {@code E'...'} escapes. A URL that turns them off
     * ({@code options=-c standard_conforming_strings=off}) leaves the backslash open.
     */
    private static SqlDialect postgresql(String url) {
        boolean off = url.replace("%3d", "=").replace(" ", "").contains("standard_conforming_strings=off");
        return new SqlDialect("PostgreSQL", EnumSet.of(Rule.ESCAPE_STRINGS, Rule.NESTED_COMMENTS, Rule.DOLLAR_QUOTES),
                off ? EnumSet.of(Rule.BACKSLASH_ESCAPES) : EnumSet.noneOf(Rule.class));
    }

    @Override
    public String toString() {
        return name;
    }
}
