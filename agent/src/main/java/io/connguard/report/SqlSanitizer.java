package io.connguard.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.connguard.report.SqlDialect.Rule;

/**
 * Replaces the literals in a SQL text with {@code ?}, so that a report can show the statement's shape
 * without the data (or the password) in it. A single pass over the characters, no parsing: it must
 * accept any dialect and any garbage, and never throw.
 *
 * <p>What a literal or a comment is depends on the database ({@link SqlDialect}, from the connection's
 * URL): MySQL takes {@code "..."} as a string and {@code #} as a comment, PostgreSQL and H2 nest
 * comments, SQLite takes {@code [...]} as a name... Each such question is a {@link Rule}. Where the
 * dialect is unknown or leaves a rule open (a server's SQL mode), the text is read every way it could
 * be meant; where the readings differ, only what they all agree on is kept and the rest becomes one
 * {@code ?}: remove more, never less.
 *
 * <p>Comment text is dropped, not sanitized ({@code /* ... *}{@code /} becomes {@code /**}{@code /},
 * {@code -- ...} becomes {@code --}): a password in a comment is prose, not a literal, so only dropping
 * it is safe. A quote inside a comment never opens a string. Optimizer hints and executable comments
 * ({@code /*+}, {@code /*!}, {@code /*M!}) hold code: their text is sanitized on its own, so that its
 * literals go and its quotes end with it. Unterminated quotes and comments run to the end of the text.
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

    /** Readings times characters beyond which a text is not worth the time: it is shown as one {@code ?}. */
    private static final long MAX_WORK = 1L << 25;

    /** The scan without the safety net, so that tests can show the net is never needed. */
    static String scan(String sql, SqlDialect dialect) {
        List<Set<Rule>> readings = dialect.readings(sql);
        if ((long) readings.size() * sql.length() > MAX_WORK) return "?";
        List<String> shown = new ArrayList<>(readings.size());
        for (Set<Rule> reading : readings) shown.add(new Scan(sql, dialect, reading).run());
        return agreed(shown);
    }

    /**
     * What all readings of one text show, up to the last whitespace before any two part, then one
     * {@code ?} for the rest. Each reading is safe if the database reads the text its way, so what
     * all show is safe whichever way it does.
     */
    static String agreed(List<String> readings) {
        String a = readings.get(0);
        int same = a.length();
        boolean parted = false;
        for (String b : readings) {
            if (b.equals(a)) continue;
            parted = true;
            int k = 0;
            while (k < same && k < b.length() && a.charAt(k) == b.charAt(k)) k++;
            same = k;
        }
        if (!parted) return a;
        while (same > 0 && !Character.isWhitespace(a.charAt(same - 1))) same--;
        return a.substring(0, same) + "?";
    }

    /** One pass over one text. */
    private static final class Scan {
        private final String s;
        private final SqlDialect dialect;
        /** The rules this reading takes to hold. */
        private final Set<Rule> reading;
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

        Scan(String s, SqlDialect dialect, Set<Rule> reading) {
            this.s = s;
            this.dialect = dialect;
            this.reading = reading;
            this.backslash = reading.contains(Rule.BACKSLASH_ESCAPES);
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
            if (c == '-' && next == '-' && (!has(Rule.DASH_DASH_NEEDS_SPACE) || isSpaceOrControl(at(i + 2)))) {
                return lineComment(i, 2);
            }
            if (c == '#' && has(Rule.HASH_COMMENTS)) return lineComment(i, 1);
            if (c == '/' && next == '*') return blockComment(i);
            if (c == '/' && next == '/' && has(Rule.SLASH_SLASH_COMMENTS)) return lineComment(i, 2);
            if (c == '$') return dollar(i);
            if (c == '[' && has(Rule.BRACKET_IDENTIFIERS)) return bracketed(i);
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
         * A string where the reading says so (MySQL, SQLite); else an identifier, shown unless only a value
         * makes sense there or the server may take it as a string after all; unterminated, a literal to the end.
         */
        private int doubleQuoted(int start) {
            if (has(Rule.DOUBLE_QUOTED_STRINGS)) return literal(quoted(start, '"', backslash));
            int end = quoted(start, '"', false);
            if (unterminated || literalContext() || dialect.isOpen(Rule.DOUBLE_QUOTED_STRINGS)) return literal(end);
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
            if (endsWord(start) || !has(Rule.DOLLAR_QUOTES)) return verbatim(start, i); // SYS$USERS, SQLite's $name
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
            if (wordPart(at(i))) { // MySQL allows identifiers such as 2col
                while (wordPart(at(i))) i++;
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
            while (i < n && wordPart(s.charAt(i))) i++;
            String w = s.substring(start, i).toUpperCase(Locale.ROOT);
            char next = at(i);
            if (next == '\'') {
                switch (w) {
                    case "E":
                        return literal(quoted(i, '\'', has(Rule.ESCAPE_STRINGS) || backslash));
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
         * A {@code [quoted name]} (SQLite: to the first {@code ]}; SQL Server: {@code ]]} stays inside). A
         * quote in it opens no string; its text is shown sanitized on its own, as the subscript the other
         * readings may see ({@code ARRAY[1]}) shows. Unterminated, it is scanned as a subscript would be.
         */
        private int bracketed(int start) {
            int close = s.indexOf(']', start + 1);
            while (has(Rule.DOUBLED_BRACKETS) && close >= 0 && at(close + 1) == ']') close = s.indexOf(']', close + 2);
            if (close < 0) return operator(start);
            out.append('[').append(inner(start + 1, close)).append(']');
            token("]");
            return close + 1;
        }

        /** {@code s[from, to)} read alone by this reading: a quote in it ends with it. */
        private String inner(int from, int to) {
            return new Scan(s.substring(from, to), dialect, reading).run();
        }

        // ---- comments ----

        private int lineComment(int start, int markerLength) {
            out.append(s, start, start + markerLength);
            int eol = start + markerLength;
            while (eol < n && s.charAt(eol) != '\n' && s.charAt(eol) != '\r') eol++;
            return eol;
        }

        /**
         * Drops the text of {@code /* ... *}{@code /}, nested where the reading says so. A hint or an
         * executable comment keeps its marker and its text sanitized on its own; where executable
         * comments hold code, the scan goes on into them instead (and the closing mark is an operator).
         */
        private int blockComment(int start) {
            int marker = start + 2;
            if (at(marker) == '+') {
                marker++;
            } else if (at(marker) == '!' || at(marker) == 'M' && at(marker + 1) == '!') {
                marker += at(marker) == 'M' ? 2 : 1;
                while (isDigit(at(marker))) marker++; // the version in /*!40101 is part of the marker
                if (has(Rule.EXECUTABLE_COMMENTS)) return verbatim(start, marker);
            }
            int depth = 1;
            int i = start + 2;
            while (i < n) {
                if (s.charAt(i) == '*' && at(i + 1) == '/') {
                    if (--depth == 0) break;
                    i += 2;
                } else if (s.charAt(i) == '/' && at(i + 1) == '*' && has(Rule.NESTED_COMMENTS)) {
                    depth++;
                    i += 2;
                } else {
                    i++;
                }
            }
            if (marker == start + 2) {
                out.append("/**/");
            } else {
                out.append(s, start, marker).append(inner(marker, Math.max(marker, i)));
                if (i < n) out.append("*/");
            }
            return Math.min(i + 2, n);
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

        private boolean has(Rule rule) {
            return reading.contains(rule);
        }

        /** A character that continues a word; where {@code #} starts a comment it ends one. */
        private boolean wordPart(char c) {
            return isWordPart(c) && !(c == '#' && has(Rule.HASH_COMMENTS));
        }

        /** True when the character before {@code i} belongs to a word (so {@code i} continues it). */
        private boolean endsWord(int i) {
            return i > 0 && wordPart(s.charAt(i - 1));
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

    /** What MySQL lets follow a {@code --} comment: whitespace, a control character or the end of the text. */
    private static boolean isSpaceOrControl(char c) {
        return c <= ' ' || c == 0x7f;
    }
}
