package io.connguard.report;

import java.util.Locale;

/**
 * Replaces the literals in a SQL text with {@code ?}, so that a report can show the statement's shape
 * without the data (or the password) in it. A single pass over the characters, no parsing: it must
 * accept any dialect and any garbage, and never throw.
 *
 * <p>What a literal is depends on the database ({@link SqlDialect}, from the connection's URL):
 * MySQL and MariaDB take {@code "..."} as a string, PostgreSQL (standard-conforming strings), SQLite
 * and H2 take a backslash in {@code '...'} as an ordinary character. Where the dialect is unknown or
 * leaves a question open (a server's SQL mode), the text is read every way it could be meant; where
 * the readings differ, only what they agree on is kept and the rest becomes one {@code ?}: remove
 * more, never less.
 *
 * <p>Comment text is dropped, not sanitized ({@code /* ... *}{@code /} becomes {@code /**}{@code /},
 * {@code -- ...} becomes {@code --}): a password in a comment is prose, not a literal, so only dropping
 * it is safe. Optimizer hints and MySQL executable comments ({@code /*+}, {@code /*!}) are code and
 * are scanned like the rest. Unterminated quotes and comments run to the end of the text.
 *
 * <p>Where {@code "..."} is an identifier (PostgreSQL, H2), it is still taken as a literal where an
 * identifier makes little sense (after a comparison, {@code LIKE}, {@code PASSWORD},
 * {@code IDENTIFIED BY}).
 */
public final class SqlSanitizer {
    private SqlSanitizer() {}

    /** {@link #sanitize(String, String)} for a statement whose database is not known. */
    public static String sanitize(String sql) {
        return sanitize(sql, null);
    }

    /**
     * {@code sql} with its literals replaced, read as the database {@code url} names ({@code jdbc:mysql:...};
     * null or unknown: every way). Null in, null out; never throws (the worst case is a single {@code ?}).
     */
    public static String sanitize(String sql, String url) {
        if (sql == null) return null;
        try {
            return scan(sql, SqlDialect.of(url));
        } catch (RuntimeException e) {
            return "?";
        }
    }

    /** The scan without the safety net, so that tests can show the net is never needed. */
    static String scan(String sql, SqlDialect dialect) {
        if (dialect.backslash != SqlDialect.Backslash.EITHER) {
            return new Scan(sql, dialect, dialect.backslash == SqlDialect.Backslash.ESCAPES).run();
        }
        String escaping = new Scan(sql, dialect, true).run();
        if (sql.indexOf('\\') < 0) return escaping; // without a backslash both readings are the same
        return agreed(escaping, new Scan(sql, dialect, false).run());
    }

    /**
     * What two readings of one text both show, up to the last whitespace before they part, then one
     * {@code ?} for the rest. Each reading is safe if the database reads the text its way, so what
     * both show is safe whichever way it does.
     */
    static String agreed(String a, String b) {
        if (a.equals(b)) return a;
        int same = 0;
        while (same < a.length() && same < b.length() && a.charAt(same) == b.charAt(same)) same++;
        while (same > 0 && !Character.isWhitespace(a.charAt(same - 1))) same--;
        return a.substring(0, same) + "?";
    }

    /** One pass over one text. */
    private static final class Scan {
        private final String s;
        private final SqlDialect dialect;
        /** A backslash in {@code '...'} escapes the next character (MySQL's default reading). */
        private final boolean backslash;
        private final int n;
        private final StringBuilder out;
        /** The last two significant tokens, upper-cased: enough context for the password rules. */
        private String prev = "";
        private String prev2 = "";
        /** Seen {@code IDENTIFIED BY}: Oracle's {@code REPLACE old} that may follow takes a password too. */
        private boolean identifiedBy;
        /** Set by {@link #quoted}: the last quoted run had no closing quote. */
        private boolean unterminated;

        Scan(String s, SqlDialect dialect, boolean backslash) {
            this.s = s;
            this.dialect = dialect;
            this.backslash = backslash;
            this.n = s.length();
            this.out = new StringBuilder(n);
        }

        String run() {
            int i = 0;
            while (i < n) {
                int next = step(i);
                // a scanner bug must cost a '?', never a hung application thread
                if (next <= i) throw new IllegalStateException("no progress at " + i);
                i = next;
            }
            return out.toString();
        }

        /** Handles the token starting at {@code i}; returns where the next one starts. */
        private int step(int i) {
            char c = s.charAt(i);
            char next = at(i + 1);
            if (c == '\'') return literal(quoted(i, '\'', backslash));
            if (c == '"') return doubleQuoted(i);
            if (c == '`') return backticked(i);
            if (c == '-' && next == '-') return lineComment(i, 2);
            if (c == '#' && (next == 0 || Character.isWhitespace(next))) return lineComment(i, 1);
            if (c == '/' && next == '*') return blockComment(i);
            if (c == '/' && next == '/' && dialect.slashSlashComment) return lineComment(i, 2);
            if (c == '$') return dollar(i);
            if (c == '[') return bracket(i);
            if (isDigit(c) || (c == '.' && isDigit(next) && !endsWord(i))) return number(i);
            if (isWordStart(c)) return word(i);
            if (Character.isWhitespace(c)) {
                out.append(c);
                return i + 1;
            }
            return operator(i);
        }

        // ---- literals ----

        private int literal(int end) {
            out.append('?');
            token("?");
            return end;
        }

        /**
         * End of a quoted run starting at {@code start}: a doubled quote stays inside, and so does a
         * backslash-escaped one when {@code backslash} (MySQL, PostgreSQL {@code E''}). Unterminated: the end.
         */
        private int quoted(int start, char quote, boolean backslash) {
            unterminated = false;
            int i = start + 1;
            while (i < n) {
                char c = s.charAt(i);
                if (backslash && c == '\\') {
                    i += 2;
                } else if (c == quote) {
                    if (at(i + 1) != quote) return i + 1;
                    i += 2;
                } else {
                    i++;
                }
            }
            unterminated = true;
            return n;
        }

        /**
         * A string where the dialect says so (MySQL, SQLite); else an identifier, or a literal where only a
         * value makes sense; unterminated, a literal to the end.
         */
        private int doubleQuoted(int start) {
            if (dialect.doubleQuotedIsString) return literal(quoted(start, '"', backslash));
            int end = quoted(start, '"', false);
            if (unterminated || literalContext()) return literal(end);
            return verbatim(start, end);
        }

        private int backticked(int start) {
            int end = quoted(start, '`', false);
            return unterminated ? literal(end) : verbatim(start, end);
        }

        /** Where a {@code "..."} can only be a MySQL string, never an identifier worth showing. */
        private boolean literalContext() {
            switch (prev) {
                case "=": case "<>": case "!=": case "<": case ">": case "<=": case ">=": case "<=>":
                case "LIKE": case "PASSWORD":
                    return true;
                case "BY":
                    return prev2.equals("IDENTIFIED");
                case "(":
                    return prev2.equals("PASSWORD");
                default:
                    return false;
            }
        }

        /** {@code $1} placeholder, {@code $$...$$} or {@code $tag$...$tag$} string, or a lone {@code $}. */
        private int dollar(int start) {
            int i = start + 1;
            if (isDigit(at(i))) {
                while (isDigit(at(i))) i++;
                return verbatim(start, i);
            }
            if (endsWord(start)) return verbatim(start, i); // inside an identifier such as SYS$USERS
            while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
            if (at(i) != '$') return verbatim(start, start + 1);
            String tag = s.substring(start, i + 1);
            int close = s.indexOf(tag, i + 1);
            return literal(close < 0 ? n : close + tag.length());
        }

        /** Numbers, {@code 0x1F}, {@code 0b101}; digits that run into letters are a (MySQL) identifier. */
        private int number(int start) {
            char before = start > 0 ? s.charAt(start - 1) : 0;
            if ((before == ':' || before == '?') && isDigit(s.charAt(start))) return placeholderDigits(start);
            int i = start;
            char x = Character.toLowerCase(at(i + 1));
            if (s.charAt(i) == '0' && (x == 'x' && isHex(at(i + 2)) || x == 'b' && isBinary(at(i + 2)))) {
                i += 2;
                while (x == 'x' ? isHex(at(i)) : isBinary(at(i))) i++;
            } else {
                while (isDigit(at(i))) i++;
                if (at(i) == '.') {
                    i++;
                    while (isDigit(at(i))) i++;
                }
                char e = at(i);
                if ((e == 'e' || e == 'E')
                        && (isDigit(at(i + 1)) || (at(i + 1) == '+' || at(i + 1) == '-') && isDigit(at(i + 2)))) {
                    i += 2;
                    while (isDigit(at(i))) i++;
                }
            }
            if (isWordPart(at(i))) { // MySQL allows identifiers such as 2col
                while (isWordPart(at(i))) i++;
                return verbatim(start, i);
            }
            return literal(i);
        }

        private int placeholderDigits(int start) {
            int i = start;
            while (isDigit(at(i))) i++;
            return verbatim(start, i);
        }

        // ---- words ----

        /** Identifiers and keywords, kept; a one-letter prefix glued to a quote makes a literal ({@code N'x'}). */
        private int word(int start) {
            int i = start;
            while (i < n && isWordPart(s.charAt(i))) i++;
            String w = s.substring(start, i).toUpperCase(Locale.ROOT);
            char next = at(i);
            if (next == '\'') {
                switch (w) {
                    case "E":
                        return literal(quoted(i, '\'', dialect.escapeStrings || backslash));
                    case "N": case "X": case "B":
                        return literal(quoted(i, '\'', backslash));
                    case "Q": case "NQ":
                        return literal(oracleQuoted(i));
                    default:
                        if (w.startsWith("_")) return literal(quoted(i, '\'', backslash)); // MySQL _utf8mb4'...'
                }
            }
            if (w.equals("U") && next == '&' && at(i + 1) == '\'') return literal(quoted(i + 1, '\'', false));
            if (passwordWord(w)) return literal(i);
            out.append(s, start, i);
            token(w);
            return i;
        }

        /** Oracle {@code IDENTIFIED BY tiger} (and {@code REPLACE oldpass}) takes an unquoted password. */
        private boolean passwordWord(String w) {
            if (w.equals("PASSWORD") || w.equals("VALUES")) return false;
            return prev.equals("BY") && prev2.equals("IDENTIFIED") || identifiedBy && prev.equals("REPLACE");
        }

        /** Oracle {@code q'[...]'}: the quote at {@code quote} is followed by the delimiter. */
        private int oracleQuoted(int quote) {
            char open = at(quote + 1);
            if (open == 0) return n;
            char close = open == '[' ? ']' : open == '{' ? '}' : open == '(' ? ')' : open == '<' ? '>' : open;
            for (int i = quote + 2; i + 1 < n; i++) {
                if (s.charAt(i) == close && s.charAt(i + 1) == '\'') return i + 2;
            }
            return n;
        }

        /**
         * SQL Server {@code [name with spaces]}; after a word or a bracket it is a subscript
         * ({@code ARRAY[1]}, {@code a[2]}) and its contents are scanned.
         */
        private int bracket(int start) {
            int close = s.indexOf(']', start + 1);
            char before = start > 0 ? s.charAt(start - 1) : 0;
            boolean subscript = isWordPart(before) || before == ']' || before == ')' || before == '"';
            if (subscript || close < 0 || containsAny(s, start + 1, close, "'\"\n[")) return operator(start);
            return verbatim(start, close + 1);
        }

        // ---- comments ----

        private int lineComment(int start, int markerLength) {
            out.append(s, start, start + markerLength);
            int eol = start + markerLength;
            while (eol < n && s.charAt(eol) != '\n' && s.charAt(eol) != '\r') eol++;
            return eol;
        }

        /** Drops the text of {@code /* ... *}{@code /}, nesting like PostgreSQL (dropping more is safe for MySQL). */
        private int blockComment(int start) {
            char kind = at(start + 2);
            if (kind == '+') return verbatim(start, start + 3);
            if (kind == '!') { // the version in /*!40101 is part of the marker
                int i = start + 3;
                while (isDigit(at(i))) i++;
                return verbatim(start, i);
            }
            int depth = 1;
            int i = start + 2;
            while (i < n && depth > 0) {
                if (s.charAt(i) == '*' && at(i + 1) == '/') {
                    depth--;
                    i += 2;
                } else if (s.charAt(i) == '/' && at(i + 1) == '*') {
                    depth++;
                    i += 2;
                } else {
                    i++;
                }
            }
            out.append("/**/");
            return Math.min(i, n);
        }

        // ---- everything else ----

        /** Punctuation and operators, kept; runs of comparison characters are one token for the context rules. */
        private int operator(int start) {
            int i = start + 1;
            if (isComparison(s.charAt(start))) {
                while (isComparison(at(i))) i++;
            }
            out.append(s, start, i);
            token(s.substring(start, i));
            return i;
        }

        private int verbatim(int start, int end) {
            end = Math.min(end, n);
            out.append(s, start, end);
            token(s.substring(start, end).toUpperCase(Locale.ROOT));
            return end;
        }

        private void token(String t) {
            if (prev.equals("BY") && prev2.equals("IDENTIFIED")) identifiedBy = true;
            prev2 = prev;
            prev = t;
        }

        private char at(int i) {
            return i < n ? s.charAt(i) : 0;
        }

        /** True when the character before {@code i} belongs to a word (so {@code i} continues it). */
        private boolean endsWord(int i) {
            return i > 0 && isWordPart(s.charAt(i - 1));
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isBinary(char c) {
        return c == '0' || c == '1';
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '@' || c == '#';
    }

    private static boolean isWordPart(char c) {
        return c != 0 && (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@' || c == '#');
    }

    private static boolean isComparison(char c) {
        return c == '=' || c == '<' || c == '>' || c == '!';
    }

    private static boolean containsAny(String s, int from, int to, String chars) {
        for (int i = from; i < to; i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) return true;
        }
        return false;
    }
}
