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
 * </ul>
 * The database is the one the connection's URL names, else the driver its class (or, for a pool's
 * proxy, the class of the connection it wraps) comes from. Nothing here allocates: it runs on every
 * write under {@code setAutoCommit(false)}.
 */
final class TransactionSql {
    /** What a statement does to the open transaction. */
    static final int WRITE = 0, ENDS = 1, NEITHER = 2;

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
    /** Where the transaction holds DDL: statements that change no data (session settings, locks, cursors). */
    private static final String[] NO_DATA = {"BEGIN", "START", "SET", "RESET", "LOCK", "PRAGMA", "DISCARD", "FETCH", "MOVE"};
    private static final String[] ROLLBACK = {"ROLLBACK"};
    private static final String[] WORK = {"WORK", "TRANSACTION", "TRAN"};
    private static final String[] TO = {"TO"};
    private static final String[] CREATE_OR_DROP = {"CREATE", "DROP"};
    private static final String[] OR_REPLACE = {"OR", "REPLACE"};
    private static final String[] TEMPORARY = {"TEMPORARY"};
    private static final String[] SET = {"SET"};
    private static final String[] SCOPES = {"SESSION", "GLOBAL", "LOCAL"};
    private static final String[] COMMITTING_SETTINGS = {"AUTOCOMMIT", "PASSWORD"};
    private static final String[] MYSQL_NO_DATA = {"USE", "PREPARE", "DEALLOCATE"};

    private TransactionSql() {}

    /**
     * What {@code sql} (null: unknown, a write) does to the open transaction of connection {@code c}:
     * {@link #WRITE}, {@link #ENDS} or {@link #NEITHER}.
     */
    static int effect(ConnectionResource c, String sql) {
        if (sql == null) return WRITE;
        int first = skipSpaceAndComments(sql, 0);
        int length = wordLength(sql, first);
        if (isAny(sql, first, length, ENDINGS)) return ENDS;
        // ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name
        if (isAny(sql, first, length, ROLLBACK)) return nextWordIs(sql, first + length, WORK, TO) ? NEITHER : ENDS;
        if (isAny(sql, first, length, KEEPING)) return NEITHER;
        if (length == 0 || isAny(sql, first, length, WRITES)) return WRITE;
        int database = database(c);
        if (database == TRANSACTIONAL_DDL) return isAny(sql, first, length, NO_DATA) ? NEITHER : WRITE;
        if (database == MYSQL) return mysql(sql, first, length);
        return ENDS;
    }

    /**
     * MySQL's and MariaDB's own list of the statements that commit ("Statements That Cause an
     * Implicit Commit"), for those that are neither data changes nor transaction control: a
     * {@code SET} only of {@code autocommit} or a password, and {@code USE}, {@code PREPARE},
     * {@code DEALLOCATE} never; the rest may (DDL, account and table administration,
     * {@code LOCK TABLES}, {@code BEGIN}), but not DDL of a {@code TEMPORARY} table, a write.
     */
    private static int mysql(String sql, int first, int length) {
        // SET [SESSION | GLOBAL | LOCAL] {autocommit | @@autocommit | PASSWORD} ...
        if (isAny(sql, first, length, SET)) return nextWordIs(sql, first + length, SCOPES, COMMITTING_SETTINGS) ? ENDS : NEITHER;
        if (isAny(sql, first, length, MYSQL_NO_DATA)) return NEITHER;
        // CREATE [OR REPLACE] TEMPORARY TABLE, DROP TEMPORARY TABLE
        if (isAny(sql, first, length, CREATE_OR_DROP) && nextWordIs(sql, first + length, OR_REPLACE, TEMPORARY)) return WRITE;
        return ENDS;
    }

    /** Whether {@code sql} changes data, whatever it returns: a query that does (PostgreSQL's {@code INSERT ... RETURNING}) is a write. */
    static boolean changesData(String sql) {
        if (sql == null) return false;
        int first = skipSpaceAndComments(sql, 0);
        return isAny(sql, first, wordLength(sql, first), DATA_CHANGES);
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
    private static boolean nextWordIs(String sql, int from, String[] skipped, String[] keywords) {
        int next = skipSpaceAndComments(sql, from);
        int length = wordLength(sql, next);
        while (isAny(sql, next, length, skipped)) {
            next = skipSpaceAndComments(sql, next + length);
            length = wordLength(sql, next);
        }
        return isAny(sql, next, length, keywords);
    }

    private static int skipSpaceAndComments(String sql, int i) {
        while (i < sql.length()) {
            char c = sql.charAt(i);
            // a JDBC escape ({call p()}, {? = call f()}) and a variable's @ before the word
            if (Character.isWhitespace(c) || c == '(' || c == '{' || c == '?' || c == '=' || c == '@') {
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
