package io.connguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlSanitizerTest {
    static final String MYSQL = "jdbc:mysql://127.0.0.1:3306/test";
    static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/test";
    static final String POSTGRESQL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String SQLITE = "jdbc:sqlite:/tmp/x.db";
    static final String H2 = "jdbc:h2:mem:test";
    /** The dialects the tests use, and no URL at all (a data source that names none). */
    static final String[] URLS = {null, MYSQL, MARIADB, POSTGRESQL, SQLITE, H2, "jdbc:oracle:thin:@//db:1521/x"};

    /** The same in every dialect. */
    private static void sanitizes(String sql, String expected) {
        for (String url : URLS) assertEquals(expected, SqlSanitizer.sanitize(sql, url), "as " + url);
    }

    private static void sanitizesAs(String url, String sql, String expected) {
        assertEquals(expected, SqlSanitizer.sanitize(sql, url), "as " + url);
    }

    @Test
    void nullStaysNull() {
        assertNull(SqlSanitizer.sanitize(null));
    }

    @Test
    void identifiedByPasswordIsReplaced() {
        sanitizes("CREATE USER app IDENTIFIED BY 'secret'", "CREATE USER app IDENTIFIED BY ?");
        sanitizes("ALTER USER 'app'@'%' IDENTIFIED BY 'secret'", "ALTER USER ?@? IDENTIFIED BY ?");
    }

    @Test
    void oracleUnquotedPasswordIsReplaced() {
        sanitizes("ALTER USER scott IDENTIFIED BY tiger", "ALTER USER scott IDENTIFIED BY ?");
        sanitizes("ALTER USER scott IDENTIFIED BY tiger REPLACE lion", "ALTER USER scott IDENTIFIED BY ? REPLACE ?");
        sanitizes("CREATE USER u IDENTIFIED BY \"Pa ss\"", "CREATE USER u IDENTIFIED BY ?");
        sanitizes("SET PASSWORD FOR u IDENTIFIED BY PASSWORD '*6BB4'", "SET PASSWORD FOR u IDENTIFIED BY PASSWORD ?");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "SELECT * FROM orders WHERE id = 42                      | SELECT * FROM orders WHERE id = ?",
            "UPDATE t SET name='O''Brien', total=12.50 WHERE id=7    | UPDATE t SET name=?, total=? WHERE id=?",
            "SELECT 1.5e10, 2E-3, .5, 3., -4, +6                      | SELECT ?, ?, ?, ?, -?, +?",
            "SELECT * FROM t LIMIT 10 OFFSET 20                      | SELECT * FROM t LIMIT ? OFFSET ?",
            "SELECT t1.col_2, a1b2, x$1 FROM t1                       | SELECT t1.col_2, a1b2, x$1 FROM t1",
            "INSERT INTO t VALUES (?, ?, :name, $1, :1, ?2)           | INSERT INTO t VALUES (?, ?, :name, $1, :1, ?2)",
            "SELECT 0x1F, X'ABCD', x'ab', B'1010', 0b101              | SELECT ?, ?, ?, ?, ?",
            "SELECT N'Ärger', n'x'                                   | SELECT ?, ?",
            "SELECT `back``tick` FROM t                               | SELECT `back``tick` FROM t",
            "SELECT [Order Id] FROM [dbo].[Order Lines]              | SELECT [Order Id] FROM [dbo].[Order Lines]",
            "SELECT {ts '2024-01-02 03:04:05'}, {fn ucase('a')}      | SELECT {ts ?}, {fn ucase(?)}",
            "{call transfer(?, ?, 100)}                              | {call transfer(?, ?, ?)}",
            "SELECT 1 FROM dual WHERE 'a' <> 'b'                     | SELECT ? FROM dual WHERE ? <> ?",
    })
    void literalsBecomePlaceholders(String sql, String expected) {
        sanitizes(sql, expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "SELECT $$secret$$, $tag$ it's $ tag $tag$, $1           | SELECT ?, ?, $1",
            "SELECT '{\"a\":1}'::jsonb -> 'a', x::int4               | SELECT ?::jsonb -> ?, x::int4",
            "SELECT arr[1], ARRAY[2,3] FROM t                        | SELECT arr[?], ARRAY[?,?] FROM t",
            "SELECT U&'d\\0061t' FROM t                              | SELECT ? FROM t",
            "SELECT * FROM t WHERE ts > now() - interval '5 minutes' | SELECT * FROM t WHERE ts > now() - interval ?",
            "SELECT SYS$USERS FROM x                                 | SELECT SYS$USERS FROM x",
    })
    void postgresqlShapes(String sql, String expected) {
        sanitizesAs(POSTGRESQL, sql, expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = a + 1 | INSERT INTO t (a) VALUES (?) ON DUPLICATE KEY UPDATE a = a + ?",
            "SELECT _utf8mb4'abc' COLLATE utf8mb4_bin                | SELECT ? COLLATE utf8mb4_bin",
            "SELECT * FROM t WHERE name = \"secret\"                  | SELECT * FROM t WHERE name = ?",
            "SELECT * FROM t WHERE name LIKE \"%secret%\"             | SELECT * FROM t WHERE name LIKE ?",
            "SELECT 2col, 1e5x FROM t                                | SELECT 2col, 1e5x FROM t",
            "SELECT /*+ INDEX(t idx_1) */ * FROM t WHERE x = 'y'     | SELECT /*+ INDEX(t idx_1) */ * FROM t WHERE x = ?",
            "SELECT /*!40101 SQL_NO_CACHE */ 1                       | SELECT /*!40101 SQL_NO_CACHE */ ?",
            "SELECT doc->>'$.name' FROM t                            | SELECT doc->>? FROM t",
            "SELECT @v := 5, @@session.sql_mode                      | SELECT @v := ?, @@session.sql_mode",
    })
    void mysqlShapes(String sql, String expected) {
        sanitizesAs(MYSQL, sql, expected);
        sanitizesAs(MARIADB, sql, expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "CREATE USER sa PASSWORD 'hunter2' ADMIN                 | CREATE USER sa PASSWORD ? ADMIN",
            "SELECT * FROM t WHERE d = DATE '2020-01-01'             | SELECT * FROM t WHERE d = DATE ?",
            "MERGE INTO t KEY(id) VALUES (1, 'x')                    | MERGE INTO t KEY(id) VALUES (?, ?)",
            "SELECT q'[it's]', Q'{x}' FROM dual                      | SELECT ?, ? FROM dual",
    })
    void h2SqlServerAndOracleShapes(String sql, String expected) {
        sanitizes(sql, expected);
    }

    @Test
    void commentTextIsDropped() {
        sanitizes("/* password hunter2 */ SELECT 1", "/**/ SELECT ?");
        sanitizes("SELECT 1 -- pw hunter2\nFROM t", "SELECT ? --\nFROM t");
        sanitizesAs(MYSQL, "SELECT 1 # pw hunter2\r\nFROM t", "SELECT ? #\r\nFROM t");
        sanitizesAs(POSTGRESQL, "SELECT /* a /* nested */ hunter2 */ 1", "SELECT /**/ ?");
        sanitizesAs(H2, "SELECT /* a /* nested */ hunter2 */ 1", "SELECT /**/ ?");
        sanitizesAs(null, "SELECT /* a /* nested */ hunter2 */ 1", "SELECT /**/ ?");
    }

    /** {@code #} is a comment only in MySQL; where the database is unknown it may be either. */
    @Test
    void aHashIsACommentOnlyInMysql() {
        sanitizesAs(MYSQL, "SELECT * FROM #temp WHERE id = 5", "SELECT * FROM #");
        sanitizesAs(SQLITE, "SELECT * FROM #temp WHERE id = 5", "SELECT * FROM #temp WHERE id = ?");
        sanitizesAs(POSTGRESQL, "SELECT 5 # 3", "SELECT ? # ?");
        sanitizesAs(null, "SELECT * FROM #temp WHERE id = 5", "SELECT * FROM ?");
    }

    @Test
    void unterminatedQuotesRunToTheEnd() {
        sanitizes("SELECT 'abc", "SELECT ?");
        sanitizes("SELECT 'a\\", "SELECT ?");
        for (String url : new String[] {null, POSTGRESQL, H2}) {
            sanitizesAs(url, "SELECT $$abc", "SELECT ?");
            sanitizesAs(url, "SELECT $t$abc $t", "SELECT ?");
        }
        sanitizes("SELECT \"abc", "SELECT ?");
        sanitizes("SELECT `abc", "SELECT ?");
        sanitizes("SELECT /* hunter2", "SELECT /**/");
        sanitizes("SELECT q'[abc", "SELECT ?");
        sanitizes("SELECT X'", "SELECT ?");
    }

    @Test
    void whitespaceAndLayoutAreKept() {
        sanitizes("SELECT a,\n\tb\n  FROM t\n WHERE c = 1\n", "SELECT a,\n\tb\n  FROM t\n WHERE c = ?\n");
    }

    @Test
    void emptyAndOddInputs() {
        sanitizes("", "");
        sanitizes("$", "$");
        sanitizes("[", "[");
        sanitizes("#", "#");
        sanitizes("0x", "0x");
        sanitizes(".5x", ".5x");
        sanitizes("\uD800'x'", "\uD800?");
    }

    @Test
    @Timeout(60) // a hang, not a speed limit: a busy machine runs this in seconds
    void randomInputNeverThrowsNorHangs() {
        String alphabet = "'\"`$[]#-/*+!\\.:?0123456789eExXbBnNqQuU&_@ ab\n\t(){}=<>,;\uD800\uDC00é";
        Random random = new Random(42);
        for (int round = 0; round < 100_000; round++) {
            StringBuilder sql = new StringBuilder();
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) sql.append(alphabet.charAt(random.nextInt(alphabet.length())));
            SqlSanitizer.scan(sql.toString(), SqlDialect.of(URLS[round % URLS.length])); // throws if the scanner has a hole
        }
    }

    // ---- comments and names that a dialect reads its own way ----

    /** A literal the tester saw printed: gone, and the statement's shape around it still shown. */
    private static void hides(String url, String sql, String secret, String expected) {
        String sanitized = SqlSanitizer.sanitize(sql, url);
        assertFalse(sanitized.contains(secret), () -> url + ": " + sql + " -> " + sanitized);
        assertEquals(expected, sanitized, "as " + url);
        assertFalse(SqlSanitizer.sanitize(sql, null).contains(secret), "as unknown");
    }

    @Test
    void mysqlHashCommentsNeedNoSpace() {
        hides(MARIADB, "SELECT 1 #it's a comment\n, 'LitSecA1' AS s", "LitSecA1", "SELECT ? #\n, ? AS s");
        hides(MYSQL, "SELECT a#it's\n, 'LitSec' FROM t", "LitSec", "SELECT a#\n, ? FROM t");
    }

    /** MySQL: {@code --} then a quote is minus, minus and a string; elsewhere a comment. */
    @Test
    void mysqlDashDashNeedsASpace() {
        hides(MARIADB, "SELECT 1--'x\n, LitSecA2 , ' AS s", "LitSecA2", "SELECT ?--? AS s");
        hides(MYSQL, "SELECT 1-- 'x\n, 'LitSec'", "LitSec", "SELECT ?--\n, ?");
        hides(POSTGRESQL, "SELECT 1--'x\n, 'LitSec'", "LitSec", "SELECT ?--\n, ?");
    }

    /** MySQL, MariaDB and SQLite end a comment at the first close; PostgreSQL and H2 nest. */
    @Test
    void commentsNestOnlyWhereTheDialectNestsThem() {
        hides(MARIADB, "SELECT /* /* */ 'a */ LitSecA3 ' AS s", "LitSecA3", "SELECT /**/ ? AS s");
        hides(SQLITE, "SELECT /* /* */ 'a */ LitSecA6 ' AS s", "LitSecA6", "SELECT /**/ ? AS s");
        hides(POSTGRESQL, "SELECT /* /* */ 'LitSec' */ 1", "LitSec", "SELECT /**/ ?");
        hides(H2, "SELECT /* /* */ 'LitSec' */ 1", "LitSec", "SELECT /**/ ?");
    }

    /** A hint is a comment to the lexer: a quote in it opens no string; its own text is sanitized. */
    @Test
    void aQuoteInAHintOpensNoString() {
        for (String url : new String[] {POSTGRESQL, MARIADB, MYSQL, H2, SQLITE}) {
            hides(url, "SELECT /*+ don't */ 'LitSecA4' AS s", "LitSecA4", "SELECT /*+ don?*/ ? AS s");
        }
        hides(MYSQL, "SELECT /*+ SET_VAR(optimizer_switch = 'LitSec') */ 1", "LitSec", "SELECT /*+ SET_VAR(optimizer_switch = ?) */ ?");
    }

    /** An executable comment may be code or, for another server or version, a comment: both readings. */
    @Test
    void executableCommentsAreReadBothWays() {
        hides(MYSQL, "SELECT /*!99999 don't */ 'LitSec' AS s", "LitSec", "SELECT /*!99999 ?");
        hides(MARIADB, "SELECT /*M! 'a */ LitSec ' */ 1", "LitSec", "SELECT /*M! ?");
    }

    @Test
    void bracketsAreNamesWhereTheDialectSaysSo() {
        hides(SQLITE, "SELECT 1 AS [a'b], 'LitSecA5' AS s, 'c'", "LitSecA5", "SELECT ? AS [a?], ? AS s, ?");
        hides(H2, "SELECT 1 AS [a'b], 'LitSec' AS s, 'c'", "LitSec", "SELECT ? AS ?");
        hides(null, "SELECT 1 AS [a]]'b], 'LitSec' AS s, 'c'", "LitSec", "SELECT ? AS ?");
        sanitizesAs(H2, "SELECT ARRAY[2,3], a[1]", "SELECT ARRAY[?,?], a[?]");
    }

    /** MySQL: {@code $a$} is a name, so a string may start right after it. */
    @Test
    void dollarQuotesOnlyWhereTheDialectHasThem() {
        hides(MYSQL, "SELECT $a$ ' $a$ LitSec '", "LitSec", "SELECT $a$ ?");
    }

    /** A server with ANSI_QUOTES takes "a\" as a name, the next quote as a string's: both readings. */
    @Test
    void mysqlDoubleQuotesAreReadBothWaysUnlessTheUrlSetsTheMode() {
        hides(MYSQL, "SELECT \"a\\\", ' \", LitSec, '", "LitSec", "SELECT ?, ?");
    }

    /**
     * Random mixes of comment markers, names and words that contain the marker, with the marker also in
     * literals: where the marker is in a literal under any reading of the dialect, it is not shown. The
     * only single quotes are the literals' own, so in every reading a literal is a string, in a comment
     * or (after {@code 'x\'}, where a backslash may escape) read both ways. ({@code E'x\'} is left out: in
     * PostgreSQL it really does turn the next literal's text into code.)
     */
    @Test
    void aMarkerInALiteralNeverSurvivesAnyReading() {
        String[] pieces = {"'Zq9'", "'Zq9\\'", "w_Zq9", "/*", "*/", "/*+", "/*!", "/*!99999", "/*M!", "--", "-- ",
                "#", "//", "\n", " ", ",", "-", "\"id\"", "`id`", "[id]", "$$", "$a$", "x", "1"};
        Random random = new Random(11);
        for (int round = 0; round < 30_000; round++) {
            StringBuilder sql = new StringBuilder("SELECT ");
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) sql.append(pieces[random.nextInt(pieces.length)]);
            String url = URLS[round % URLS.length];
            String sanitized = SqlSanitizer.sanitize(sql.toString(), url);
            assertFalse(sanitized.replace("w_Zq9", "").contains("Zq9"), () -> url + ": " + sql + " -> " + sanitized);
        }
    }

    // ---- each literal form of each dialect the tests use ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "INSERT INTO users (name, pw) VALUES (\"alice\", \"s3cret\") | INSERT INTO users (name, pw) VALUES (?, ?)",
            "SELECT CONCAT(\"s3cret\", name) FROM users               | SELECT CONCAT(?, name) FROM users",
            "SELECT \"say \"\"hi\"\"\", 'it''s', `co``l` FROM t        | SELECT ?, ?, `co``l` FROM t",
            "SELECT N'x', X'1F', B'01', _latin1'x', 0x1F, 0b1         | SELECT ?, ?, ?, ?, ?, ?",
    })
    void mysqlAndMariadbStrings(String sql, String expected) {
        sanitizesAs(MYSQL, sql, expected);
        sanitizesAs(MARIADB, sql, expected);
    }

    @Test
    void mysqlHashCommentsAndBackslashesInDoubleQuotes() {
        sanitizesAs(MARIADB, "SELECT 'a' # s3cret\nFROM t", "SELECT ? #\nFROM t");
        sanitizesAs(MYSQL, "SELECT \"a\\\"b\", 's3cret'", "SELECT ?");
        sanitizesAs(MYSQL + "?sessionVariables=sql_mode=NO_BACKSLASH_ESCAPES", "SELECT \"a\\\", 's3cret'", "SELECT ?, ?");
    }

    /**
     * A backslash escapes in MySQL unless the server runs with NO_BACKSLASH_ESCAPES, which the URL cannot
     * show: both readings are made, and where they part the rest is one ?.
     */
    @Test
    void mysqlBackslashesAreReadBothWaysUnlessTheUrlSetsTheMode() {
        sanitizesAs(MYSQL, "SELECT 'C:\\', 's3cret'", "SELECT ?");
        sanitizesAs(MARIADB, "SELECT 'it\\'s', 's3cret' FROM t", "SELECT ?");
        sanitizesAs(MYSQL, "SELECT a FROM t WHERE b = 'x\\'y' AND c = 's3cret'", "SELECT a FROM t WHERE b = ?");
        sanitizesAs(MYSQL + "?sessionVariables=sql_mode=NO_BACKSLASH_ESCAPES", "SELECT 'C:\\', 's3cret'", "SELECT ?, ?");
        sanitizesAs(MYSQL, "SELECT 'no backslash', 2", "SELECT ?, ?");
    }

    @Test
    void mysqlAnsiQuotesFromTheUrlMakeDoubleQuotesIdentifiers() {
        sanitizesAs(MARIADB + "?sessionVariables=sql_mode='ANSI_QUOTES'", "SELECT \"Col\" FROM t WHERE a = 's3cret'",
                "SELECT \"Col\" FROM t WHERE a = ?");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "SELECT 'C:\\', 's3cret'                                  | SELECT ?, ?",
            "SELECT E'it\\'s', e's3\\\\', 's3cret'                       | SELECT ?, ?, ?",
            "SELECT 'a''b', U&'d\\0061t', B'101', X'1F'                | SELECT ?, ?, ?, ?",
            "SELECT $$s3cret$$, $q$it's 's3cret'$q$                  | SELECT ?, ?",
            "SELECT \"Weird \"\"Name\"\"\" FROM t                        | SELECT \"Weird \"\"Name\"\"\" FROM t",
            "SELECT 1 /* a /* b */ s3cret */ -- s3cret              | SELECT ? /**/ --",
    })
    void postgresqlStandardConformingStrings(String sql, String expected) {
        sanitizesAs(POSTGRESQL, sql, expected);
        sanitizesAs("jdbc:pgsql://127.0.0.1/test", sql, expected);
    }

    @Test
    void postgresqlWithStandardConformingStringsOffInTheUrlIsReadBothWays() {
        sanitizesAs(POSTGRESQL + "?options=-c%20standard_conforming_strings=off", "SELECT 'C:\\', 's3cret'", "SELECT ?");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "SELECT 'C:\\', 's3cret'                                  | SELECT ?, ?",
            "SELECT \"s3cret\", 'it''s', X'ABCD'                       | SELECT ?, ?, ?",
            "SELECT [my col], `other` FROM t WHERE a = ?1 OR b = :b OR c = @c OR d = $d | SELECT [my col], `other` FROM t WHERE a = ?1 OR b = :b OR c = @c OR d = $d",
    })
    void sqliteStrings(String sql, String expected) {
        sanitizesAs(SQLITE, sql, expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "SELECT 'C:\\', 's3cret'                                  | SELECT ?, ?",
            "SELECT \"Col\", 'it''s', X'1F', $$s3cret$$ FROM t         | SELECT \"Col\", ?, ?, ? FROM t",
            "SELECT DATE '2020-01-01', U&'s3cret'                   | SELECT DATE ?, ?",
    })
    void h2Strings(String sql, String expected) {
        sanitizesAs(H2, sql, expected);
        sanitizesAs("jdbc:h2:tcp://localhost/~/test;MODE=MySQL", sql, expected);
    }

    /** Outside PostgreSQL, E before a quote is a name (SQLite takes a string after it as an alias). */
    @Test
    void anEscapeStringPrefixOutsidePostgresqlDoesNotSwallowTheNextQuote() {
        sanitizesAs(SQLITE, "SELECT e'C:\\', 's3cret'", "SELECT ?, ?");
        sanitizesAs(H2, "SELECT E'C:\\', 's3cret'", "SELECT ?, ?");
        sanitizesAs(null, "SELECT E'C:\\', 's3cret'", "SELECT ?");
    }

    @Test
    void h2LineCommentsAreDropped() {
        sanitizesAs(H2, "SELECT 1 // s3cret\nFROM t", "SELECT ? //\nFROM t");
    }

    @Test
    void anUnknownDialectRemovesMoreNeverLess() {
        for (String url : new String[] {null, "jdbc:oracle:thin:@//db:1521/x", "not a url"}) {
            sanitizesAs(url, "SELECT \"s3cret\" FROM t", "SELECT ? FROM t");
            sanitizesAs(url, "SELECT 'C:\\', 's3cret'", "SELECT ?");
            sanitizesAs(url, "SELECT 'it\\'s', 's3cret'", "SELECT ?");
            sanitizesAs(url, "SELECT 1 // s3cret", "SELECT ? ?");
        }
    }

    @Test
    void aWrappingDriversUrlNamesTheDialectBehindIt() {
        assertEquals("MySQL", SqlDialect.of("jdbc:p6spy:mysql://h/db").toString());
        assertEquals("PostgreSQL", SqlDialect.of("jdbc:tc:postgresql:15:///db").toString());
        assertEquals("H2", SqlDialect.of("jdbc:h2:mem:mysql").toString());
        assertEquals("SQLite", SqlDialect.of("JDBC:SQLITE:/tmp/postgresql.db").toString());
        assertEquals("unknown", SqlDialect.of("jdbc:derby:memory:x").toString());
    }

    @Test
    void readingsThatPartKeepOnlyWhatBothShowUpToAWordBoundary() {
        assertEquals("SELECT a FROM t WHERE ?", SqlSanitizer.agreed(List.of("SELECT a FROM t WHERE x = ?", "SELECT a FROM t WHERE xy ?")));
        assertEquals("?", SqlSanitizer.agreed(List.of("?s3cret?", "?, ?")));
        assertEquals("SELECT 1", SqlSanitizer.agreed(List.of("SELECT 1", "SELECT 1")));
    }

    /** Every literal form of each dialect, planted in every shape, with a secret in it: the secret never survives. */
    @Test
    void aSecretInAnyLiteralFormOfItsDialectDoesNotSurvive() {
        String[] shapes = {"SELECT * FROM t WHERE a = %s", "INSERT INTO t VALUES (%s, 1)", "UPDATE t SET a=%s",
                "CALL p(%s)", "SELECT %s FROM dual", "SELECT CONCAT(%s, name) FROM t", "-- %s", "/* %s */ SELECT 1"};
        String[] everywhere = {"'hunter2'", "'x''hunter2'", "N'hunter2'", "X'hunter2'"};
        String[][] byDialect = {
                {MYSQL, "\"hunter2\"", "'\\'hunter2'", "\"\\\"hunter2\"", "_latin1'hunter2'", "'C:\\', 'hunter2'", "\"C:\\\", \"hunter2\""},
                {MARIADB, "\"hunter2\"", "'\\'hunter2'", "_utf8mb4'hunter2'", "'C:\\', 'hunter2'"},
                {POSTGRESQL, "'C:\\', 'hunter2'", "E'\\'hunter2'", "e'C:\\\\', 'hunter2'", "$$hunter2$$", "$x$hunter2$x$", "U&'hunter2'"},
                {SQLITE, "'C:\\', 'hunter2'", "\"hunter2\"", "x'hunter2'", "e'C:\\', 'hunter2'"},
                {H2, "'C:\\', 'hunter2'", "$$hunter2$$", "U&'hunter2'"},
                {null, "\"hunter2\"", "'\\'hunter2'", "'C:\\', 'hunter2'", "E'\\'hunter2'", "$$hunter2$$", "q'[hunter2]'"},
        };
        for (String[] dialect : byDialect) {
            List<String> literals = new ArrayList<>(List.of(everywhere));
            literals.addAll(Arrays.asList(dialect).subList(1, dialect.length));
            for (String shape : shapes) {
                for (String literal : literals) {
                    String sanitized = SqlSanitizer.sanitize(String.format(shape, literal), dialect[0]);
                    assertFalse(sanitized.contains("hunter2"), dialect[0] + ": " + String.format(shape, literal) + " -> " + sanitized);
                }
            }
        }
    }
}
