package io.connguard.runtime;

/**
 * What a statement's SQL does to the open transaction, read from its first words and the database
 * it runs on, for {@code TRANSACTION_LEFT_OPEN}. connguard reports a transaction left open only
 * when it saw a write and nothing after it that may have ended it:
 * <ul>
 *   <li>{@code COMMIT}, {@code END}, {@code ABORT} and {@code ROLLBACK} (SQL's transaction
 *       control) end it on every database; {@code ROLLBACK TO} a savepoint, {@code SAVEPOINT},
 *       {@code RELEASE} and the statements that only describe ({@code SHOW}, {@code EXPLAIN},
 *       {@code DESCRIBE}) leave it as it is.</li>
 *   <li>On a database that commits at DDL (Oracle; H2, which commits at most of its commands,
 *       some {@code SET}s among them, and at some that fail), every statement that is not a data
 *       change ({@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code MERGE}, {@code REPLACE},
 *       {@code UPSERT}, {@code CALL}, ...) may have committed it, so it ends what connguard knows.
 *       MySQL and MariaDB list the statements that commit, and are read by that list
 *       ({@link #mysql}).</li>
 *   <li>Elsewhere (PostgreSQL, SQLite, SQL Server, Derby) DDL runs inside the transaction: a
 *       write like any other. Statements that change no data there ({@code SET}, {@code LOCK},
 *       SQLite's {@code PRAGMA}, a cursor's {@code FETCH}, {@code BEGIN} inside a transaction)
 *       leave it as it is: a transaction that holds only those loses nothing at a close.</li>
 *   <li>A statement that runs another is judged by the one it runs: {@code EXPLAIN ANALYZE}
 *       (PostgreSQL, MySQL) and MariaDB's {@code SET STATEMENT ... FOR}.</li>
 * </ul>
 * The database is the one the connection's URL names, else the driver its class (or, for a pool's
 * proxy, the class of the connection it wraps) comes from. Nothing here allocates: it runs on every
 * write under {@code setAutoCommit(false)}.
 */
final class TransactionSql {
    /**
     * What a statement does to the open transaction. {@code AUTO_COMMIT_ON}: it ends it, and turns
     * the session's auto-commit on (MySQL's, MariaDB's and H2's {@code SET autocommit}), so that
     * what runs after it commits itself; {@code AUTO_COMMIT_OFF} turns it off again, and
     * {@code ENDS_AUTO_COMMIT_OFF} also ends the transaction (H2, which commits at its SETs).
     */
    static final int WRITE = 0, ENDS = 1, NEITHER = 2, AUTO_COMMIT_ON = 3, AUTO_COMMIT_OFF = 4, ENDS_AUTO_COMMIT_OFF = 5;

    private static final int TRANSACTIONAL_DDL = 0, COMMITS_AT_DDL = 1, MYSQL = 2;
    private static final String[] MYSQL_URLS = {"jdbc:mysql:", "jdbc:mariadb:"};
    private static final String[] MYSQL_CLASSES = {"com.mysql.", "org.mariadb."};
    private static final String[] COMMITTING_URLS = {"jdbc:oracle:", "jdbc:h2:"};
    private static final String[] COMMITTING_CLASSES = {"oracle.jdbc.", "org.h2."};

    private static final String[] DATA_CHANGES = {"INSERT", "UPDATE", "DELETE", "MERGE", "REPLACE", "UPSERT"};
    private static final String[] WRITES = {
        "INSERT", "UPDATE", "DELETE", "MERGE", "REPLACE", "UPSERT", "CALL", "EXEC", "EXECUTE", "WITH", "SELECT", "VALUES",
        "COPY", "LOAD", "HANDLER", "DO"};
    private static final String[] ENDINGS = {"COMMIT", "END", "ABORT"};
    private static final String[] KEEPING = {"SAVEPOINT", "RELEASE", "SHOW", "EXPLAIN", "DESCRIBE", "DESC", "HELP"};
    /** Where the transaction holds DDL: statements that change no data (session settings, locks, cursors, prepared statements, notifications). */
    private static final String[] NO_DATA = {"BEGIN", "START", "SET", "RESET", "LOCK", "PRAGMA", "DISCARD", "FETCH", "MOVE",
        "DECLARE", "CLOSE", "PREPARE", "DEALLOCATE", "LISTEN", "UNLISTEN"};
    private static final String[] EXPLAIN = {"EXPLAIN"};
    private static final String[] ANALYZE = {"ANALYZE", "ANALYSE"};
    /** The statements an {@code EXPLAIN} can run. */
    private static final String[] EXPLAINABLE = {"SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "REPLACE", "WITH", "VALUES", "TABLE",
        "EXECUTE", "CREATE", "DECLARE"};
    private static final String[] NONE = {};
    private static final String[] STATEMENT = {"STATEMENT"};
    private static final String[] FOR = {"FOR"};
    private static final String[] SELECT = {"SELECT"};
    private static final String[] ROLLBACK = {"ROLLBACK"};
    private static final String[] WORK = {"WORK", "TRANSACTION", "TRAN"};
    private static final String[] TO = {"TO"};
    private static final String[] CREATE_OR_DROP = {"CREATE", "DROP"};
    private static final String[] OR_REPLACE = {"OR", "REPLACE"};
    private static final String[] TEMPORARY = {"TEMPORARY"};
    private static final String[] SET = {"SET"};
    private static final String[] SCOPES = {"SESSION", "GLOBAL", "LOCAL", "PERSIST"};
    private static final String[] GLOBAL = {"GLOBAL", "PERSIST"};
    private static final String[] AUTOCOMMIT = {"AUTOCOMMIT"};
    private static final String[] PASSWORD = {"PASSWORD"};
    private static final String[] OFF = {"OFF", "FALSE"};
    private static final String[] MYSQL_NO_DATA = {"USE", "PREPARE", "DEALLOCATE"};
    /** How many assignments of one {@code SET} are read. */
    private static final int MAX_ASSIGNMENTS = 64;

    private TransactionSql() {}

    /**
     * What {@code sql} (null: unknown, a write) does to the open transaction of connection {@code c}:
     * {@link #WRITE}, {@link #ENDS} or {@link #NEITHER}, or for a {@code SET} of the session's
     * auto-commit {@link #AUTO_COMMIT_ON}, {@link #AUTO_COMMIT_OFF} or {@link #ENDS_AUTO_COMMIT_OFF}.
     */
    static int effect(ConnectionResource c, String sql) {
        if (sql == null) return WRITE;
        int database = database(c);
        boolean mysql = database == MYSQL;
        int first = executed(sql, mysql);
        int length = wordLength(sql, first);
        if (isAny(sql, first, length, ENDINGS)) return ENDS;
        // ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name
        if (isAny(sql, first, length, ROLLBACK)) return nextWordIs(sql, first + length, WORK, TO, mysql) ? NEITHER : ENDS;
        if (isAny(sql, first, length, KEEPING)) return NEITHER;
        // MySQL's SELECT ... INTO fills a variable or a file, never a table (PostgreSQL's creates one)
        if (isAny(sql, first, length, SELECT) && mysql) return NEITHER;
        if (length == 0 || isAny(sql, first, length, WRITES)) return WRITE;
        if (database == TRANSACTIONAL_DDL) return isAny(sql, first, length, NO_DATA) ? NEITHER : WRITE;
        if (mysql) return mysql(sql, first, length);
        // H2 commits at its SET commands, but not at SET AUTOCOMMIT, which sets the session's mode
        int set = isAny(sql, first, length, SET) ? set(sql, first + length, false) : ENDS;
        return set == AUTO_COMMIT_ON || set == AUTO_COMMIT_OFF ? set : ENDS;
    }

    /**
     * MySQL's and MariaDB's own list of the statements that commit ("Statements That Cause an
     * Implicit Commit"), for those that are neither data changes nor transaction control: a
     * {@code SET} only of {@code autocommit} or a password, and {@code USE}, {@code PREPARE},
     * {@code DEALLOCATE} never; the rest may (DDL, account and table administration,
     * {@code LOCK TABLES}, {@code BEGIN}), but not DDL of a {@code TEMPORARY} table, a write.
     */
    private static int mysql(String sql, int first, int length) {
        if (isAny(sql, first, length, SET)) return set(sql, first + length, true);
        if (isAny(sql, first, length, MYSQL_NO_DATA)) return NEITHER;
        // CREATE [OR REPLACE] TEMPORARY TABLE, DROP TEMPORARY TABLE
        if (isAny(sql, first, length, CREATE_OR_DROP) && nextWordIs(sql, first + length, OR_REPLACE, TEMPORARY, true)) return WRITE;
        return ENDS;
    }

    /**
     * A {@code SET} ({@code from}: past the word), a list of assignments that run in order (MySQL,
     * MariaDB; H2 takes one): {@link #AUTO_COMMIT_ON} when the session's auto-commit ends up on,
     * {@link #AUTO_COMMIT_OFF} when off ({@link #ENDS_AUTO_COMMIT_OFF} when an assignment before
     * it committed), else {@link #ENDS} when one may have committed, else {@link #NEITHER}.
     */
    private static int set(String sql, int from, boolean mysql) {
        boolean ends = false;
        int mode = NEITHER;
        for (int i = from, n = 0; i >= 0 && n < MAX_ASSIGNMENTS; i = nextAssignment(sql, i, mysql), n++) {
            int effect = assignment(sql, i, mysql);
            if (effect == AUTO_COMMIT_ON || effect == ENDS) ends = true;
            if (effect == AUTO_COMMIT_ON || effect == AUTO_COMMIT_OFF) mode = effect;
        }
        if (mode == AUTO_COMMIT_OFF) return ends ? ENDS_AUTO_COMMIT_OFF : AUTO_COMMIT_OFF;
        return mode == AUTO_COMMIT_ON ? AUTO_COMMIT_ON : ends ? ENDS : NEITHER;
    }

    /**
     * One assignment of a {@code SET}, at {@code from}: {@code [SESSION | LOCAL]
     * [@@[scope.]]autocommit [=] value}, the session's setting, read as 1, {@code ON} or
     * {@code TRUE} (quoted or not), commits and leaves the session in auto-commit
     * ({@link #AUTO_COMMIT_ON}); as 0, {@code OFF} or {@code FALSE} it leaves the transaction as it
     * is ({@link #AUTO_COMMIT_OFF}). A value connguard cannot read ({@code DEFAULT}, a variable, an
     * expression) is taken for on: the session may be in auto-commit now, and no write after it is
     * counted, which may have committed itself. {@code PASSWORD} commits; the global setting
     * ({@code GLOBAL}, {@code PERSIST}), any other, and a user variable ({@code @autocommit}) do not.
     */
    private static int assignment(String sql, int from, boolean mysql) {
        int name = skipSpaceAndComments(sql, from, mysql);
        int length = wordLength(sql, name);
        boolean global = false;
        while (isAny(sql, name, length, SCOPES)) { // SESSION autocommit, @@session.autocommit
            global |= isAny(sql, name, length, GLOBAL);
            name = skipSpaceAndComments(sql, name + length, mysql);
            if (name < sql.length() && sql.charAt(name) == '.') name++;
            length = wordLength(sql, name);
        }
        if (isAny(sql, name, length, PASSWORD)) return ENDS;
        boolean userVariable = name > 0 && sql.charAt(name - 1) == '@' && (name < 2 || sql.charAt(name - 2) != '@');
        boolean quoted = name < sql.length() && sql.charAt(name) == '`'; // `autocommit`
        if (quoted) length = wordLength(sql, ++name);
        if (global || userVariable || !isAny(sql, name, length, AUTOCOMMIT)) return NEITHER;
        int value = skipSpaceAndComments(sql, name + length + (quoted ? 1 : 0), mysql); // past the = (and :=)
        if (value < sql.length() && sql.charAt(value) == ':') value = skipSpaceAndComments(sql, value + 1, mysql);
        if (value >= sql.length() || sql.charAt(value - 1) == '@') return AUTO_COMMIT_ON; // no value, or a variable's: unknown
        char quote = sql.charAt(value) == '\'' || sql.charAt(value) == '"' ? sql.charAt(value++) : 0;
        int end = value + Math.max(1, wordLength(sql, value));
        if (end > sql.length() || !endsValue(sql, end, quote, mysql)) return AUTO_COMMIT_ON; // an expression: unknown
        char first = sql.charAt(value);
        return first == '0' || isAny(sql, value, end - value, OFF) ? AUTO_COMMIT_OFF : AUTO_COMMIT_ON; // 1, ON, TRUE, DEFAULT, unknown
    }

    /**
     * Whether a value ends at {@code end}: at its closing {@code quote} (0: none), else at the end
     * of the statement, a comma, a semicolon, white space or a comment before one of those; not in
     * an expression ({@code 0+1}, {@code 01}).
     */
    private static boolean endsValue(String sql, int end, char quote, boolean mysql) {
        if (quote != 0) return end < sql.length() && sql.charAt(end) == quote;
        int next = skipSpaceAndComments(sql, end, mysql);
        return next == sql.length() || sql.charAt(next) == ',' || sql.charAt(next) == ';' || sql.startsWith("*/", next);
    }

    /**
     * Where the assignment after the one at {@code from} begins: past the next comma outside
     * quotes, brackets and comments; -1 if there is none.
     */
    private static int nextAssignment(String sql, int from, boolean mysql) {
        int depth = 0;
        for (int i = from; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = closingQuote(sql, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth <= 0) {
                return i + 1;
            } else if (sql.startsWith("/*", i) || sql.startsWith("--", i) || c == '#') {
                i = Math.max(i, skipSpaceAndComments(sql, i, mysql) - 1); // not past what is no comment
            }
        }
        return -1;
    }

    /** The index of the quote that closes the one at {@code open}: a doubled quote or a backslash escapes one. */
    private static int closingQuote(String sql, int open) {
        char quote = sql.charAt(open);
        for (int i = open + 1; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) i++;
                else return i;
            }
        }
        return sql.length();
    }

    /**
     * Whether {@code sql} (null: unknown), run on {@code c}, is a {@code SET}: the statement that can
     * turn a session's auto-commit off, all that matters of what runs in auto-commit.
     */
    static boolean isSet(ConnectionResource c, String sql) {
        if (sql == null) return false;
        int first = skipSpaceAndComments(sql, 0, database(c) == MYSQL);
        return isAny(sql, first, wordLength(sql, first), SET);
    }

    /**
     * Whether {@code sql}, run on {@code c}, changes data, whatever it returns: a query that does (PostgreSQL's
     * {@code INSERT ... RETURNING}, an {@code EXPLAIN ANALYZE} of an insert) is a write.
     */
    static boolean changesData(ConnectionResource c, String sql) {
        if (sql == null) return false;
        int first = executed(sql, database(c) == MYSQL);
        return isAny(sql, first, wordLength(sql, first), DATA_CHANGES);
    }

    /**
     * Where the statement that runs begins: past {@code EXPLAIN ANALYZE} and its options, which runs
     * the statement it explains (PostgreSQL, MySQL), and past MariaDB's
     * {@code SET STATEMENT ... FOR}, which runs the statement after {@code FOR}. A plain
     * {@code EXPLAIN} runs nothing, and is its own statement.
     */
    private static int executed(String sql, boolean mysql) {
        int first = skipSpaceAndComments(sql, 0, mysql);
        int length = wordLength(sql, first);
        if (isAny(sql, first, length, EXPLAIN)) {
            boolean analyze = false;
            // EXPLAIN ANALYZE VERBOSE ..., EXPLAIN (ANALYZE, BUFFERS) ..., MySQL's EXPLAIN ANALYZE FORMAT=TREE ...
            for (int i = first + length, words = 0; i < sql.length() && words < 16; words++) {
                i = skipOptionPunctuation(sql, i, mysql);
                int l = wordLength(sql, i);
                if (l == 0) break;
                if (isAny(sql, i, l, EXPLAINABLE)) return analyze ? i : first;
                analyze |= isAny(sql, i, l, ANALYZE);
                i += l;
            }
            return first;
        }
        if (isAny(sql, first, length, SET) && nextWordIs(sql, first + length, NONE, STATEMENT, mysql)) {
            int i = skipSpaceAndComments(sql, first + length, mysql);
            for (int steps = 0; i < sql.length() && steps < 200; steps++) { // SET STATEMENT var = value, ... FOR statement
                i = skipOptionPunctuation(sql, i, mysql);
                int l = wordLength(sql, i);
                if (isAny(sql, i, l, FOR)) return skipSpaceAndComments(sql, i + l, mysql);
                i += Math.max(1, l); // a word, or a character no word starts with
            }
        }
        return first;
    }

    /** Past whitespace, comments and what separates an option list's words ({@code ( , ) = } and values' digits). */
    private static int skipOptionPunctuation(String sql, int i, boolean mysql) {
        while (true) {
            i = skipSpaceAndComments(sql, i, mysql);
            if (i >= sql.length()) return i;
            char c = sql.charAt(i);
            if (c != ',' && c != ')' && c != '.' && c != '\'' && !Character.isDigit(c)) return i;
            i++;
        }
    }

    private static int database(ConnectionResource c) {
        String url = c.url;
        if (url != null) {
            if (Stacks.startsWithAny(url, MYSQL_URLS)) return MYSQL;
            return Stacks.startsWithAny(url, COMMITTING_URLS) ? COMMITS_AT_DDL : TRANSACTIONAL_DDL;
        }
        String driver = c.jdbcClass.getName();
        if (Stacks.startsWithAny(driver, MYSQL_CLASSES)) return MYSQL;
        return Stacks.startsWithAny(driver, COMMITTING_CLASSES) ? COMMITS_AT_DDL : TRANSACTIONAL_DDL;
    }

    /** Whether the word after {@code from}, past any of {@code skipped}, is one of {@code keywords}. */
    private static boolean nextWordIs(String sql, int from, String[] skipped, String[] keywords, boolean mysql) {
        int next = skipSpaceAndComments(sql, from, mysql);
        int length = wordLength(sql, next);
        while (isAny(sql, next, length, skipped)) {
            next = skipSpaceAndComments(sql, next + length, mysql);
            length = wordLength(sql, next);
        }
        return isAny(sql, next, length, keywords);
    }

    /**
     * Past whitespace and comments from {@code i}. On MySQL and MariaDB ({@code mysql}), an
     * executable comment that both run ({@code /*! ... *}{@code /}, or one for versions from
     * before 5.7.0, {@code /*!40101 ...}, as {@code mysqldump} writes them) is SQL to the server:
     * its text is read as SQL, and its end skipped like a space. One that only some servers run
     * (MariaDB skips {@code /*!50700} and later, MySQL every {@code /*M!}) is read as the comment
     * it is to those.
     */
    private static int skipSpaceAndComments(String sql, int i, boolean mysql) {
        while (i < sql.length()) {
            char c = sql.charAt(i);
            // a JDBC escape ({call p()}, {? = call f()}) and a variable's @ before the word
            if (Character.isWhitespace(c) || c == '(' || c == '{' || c == '?' || c == '=' || c == '@') {
                i++;
            } else if (sql.startsWith("--", i) && (!mysql || i + 2 == sql.length() || sql.charAt(i + 2) <= ' ') || c == '#') {
                // MySQL's -- needs a space or control character after it: 5--3 is five minus minus three
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (mysql && sql.startsWith("/*!", i) && versionRunByAll(sql, i + 3)) {
                i += 3;
                while (i < sql.length() && Character.isDigit(sql.charAt(i))) i++;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else if (mysql && sql.startsWith("*/", i)) {
                i += 2; // an executable comment's end
            } else {
                break;
            }
        }
        return i;
    }

    /** Whether MySQL and MariaDB both run an executable comment whose version (digits, or none) begins at {@code i}: none, or below 50700. */
    private static boolean versionRunByAll(String sql, int i) {
        int version = 0;
        for (int digits = 0; i < sql.length() && Character.isDigit(sql.charAt(i)); i++) {
            if (++digits > 6) return false;
            version = version * 10 + (sql.charAt(i) - '0');
        }
        return version < 50700;
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
