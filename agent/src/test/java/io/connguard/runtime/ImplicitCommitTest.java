package io.connguard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which statements commit the open transaction, by the database the URL names. */
class ImplicitCommitTest {
    @ParameterizedTest(name = "{0} | {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:mysql://db/app    | CREATE TABLE t (id INT)                 | true",
        "jdbc:mariadb://db/app  | drop table if exists t                  | true",
        "jdbc:mysql://db/app    | /* migration */ ALTER TABLE t ADD c INT | true",
        "jdbc:mysql://db/app    | -- note\\nTRUNCATE TABLE t               | true",
        "jdbc:mysql://db/app    | CREATE TEMPORARY TABLE t (id INT)       | false",
        "jdbc:mysql://db/app    | INSERT INTO t VALUES (1)                | false",
        "jdbc:mysql://db/app    | SELECT 1                                | false",
        "jdbc:oracle:thin:@db   | CREATE GLOBAL TEMPORARY TABLE t (x INT) | true",
        "jdbc:h2:mem:app        | create index i on t(id)                 | true",
        "jdbc:postgresql://db/a | CREATE TABLE t (id INT)                 | false",
        "jdbc:sqlite:app.db     | DROP TABLE t                            | false",
    })
    void ddlCommitsWhereTheDatabaseSaysSo(String url, String sql, boolean commits) {
        assertEquals(commits, ImplicitCommit.commits(url, sql.replace("\\n", "\n")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"CREATE TABLE t (id INT)"})
    void anUnknownDatabaseOrStatementCommitsNothing(String sql) {
        assertEquals(false, ImplicitCommit.commits(null, sql));
        assertEquals(false, ImplicitCommit.commits("jdbc:mysql://db/app", null));
    }
}
