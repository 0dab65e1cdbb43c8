package io.connguard.runtime;

import static io.connguard.runtime.TransactionSql.ENDS;
import static io.connguard.runtime.TransactionSql.NEITHER;
import static io.connguard.runtime.TransactionSql.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a statement does to the open transaction, by its first words and the database the URL names. */
class TransactionSqlTest {
    private static final String[] NAMES = {"WRITE", "ENDS", "NEITHER", "AUTO_COMMIT_ON", "AUTO_COMMIT_OFF", "ENDS_AUTO_COMMIT_OFF"};

    @ParameterizedTest(name = "{0} | {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:mysql://db/app    | CREATE TABLE t (id INT)                         | ENDS",
        "jdbc:mariadb://db/app  | drop table if exists t                          | ENDS",
        "jdbc:mysql://db/app    | /* migration */ ALTER TABLE t ADD c INT         | ENDS",
        "jdbc:mysql://db/app    | -- note\\nTRUNCATE TABLE t                       | ENDS",
        "jdbc:mysql://db/app    | LOCK TABLES t WRITE                             | ENDS",
        "jdbc:mysql://db/app    | SET autocommit = 1                              | AUTO_COMMIT_ON",
        "jdbc:mysql://db/app    | set session @@autocommit=1                      | AUTO_COMMIT_ON",
        "jdbc:mysql://db/app    | SET @@session.autocommit := ON                  | AUTO_COMMIT_ON",
        "jdbc:mariadb://db/app  | SET autocommit = true                           | AUTO_COMMIT_ON",
        "jdbc:mysql://db/app    | SET GLOBAL autocommit = 1                       | NEITHER",
        "jdbc:mysql://db/app    | SET autocommit = @on                            | AUTO_COMMIT_ON",
        "jdbc:h2:mem:app        | SET AUTOCOMMIT ON                               | AUTO_COMMIT_ON",
        "jdbc:h2:mem:app        | SET AUTOCOMMIT FALSE                            | AUTO_COMMIT_OFF",
        "jdbc:h2:mem:app        | SET LOCK_TIMEOUT 100                            | ENDS",
        "jdbc:mysql://db/app    | SET autocommit=0                                | AUTO_COMMIT_OFF",
        "jdbc:mariadb://db/app  | set global autocommit = off                     | NEITHER",
        "jdbc:mysql://db/app    | SET PASSWORD = 'x'                              | ENDS",
        "jdbc:mysql://db/app    | SET @x = 1                                      | NEITHER",
        "jdbc:mysql://db/app    | SET @autocommit = 1                             | NEITHER",
        "jdbc:mysql://db/app    | SET autocommit = 'ON'                           | AUTO_COMMIT_ON",
        "jdbc:mysql://db/app    | SET sql_mode = 'ANSI,STRICT_ALL_TABLES', autocommit = 1 | AUTO_COMMIT_ON",
        "jdbc:mariadb://db/app  | SET @a = CONCAT('a,', 'b'), @@session.autocommit = 0 | AUTO_COMMIT_OFF",
        "jdbc:mysql://db/app    | SET autocommit = 1, autocommit = 0              | ENDS_AUTO_COMMIT_OFF",
        "jdbc:mysql://db/app    | SET NAMES utf8mb4, PASSWORD = 'x'               | ENDS",
        "jdbc:mysql://db/app    | SET PERSIST autocommit = 0                      | NEITHER",
        "jdbc:mysql://db/app    | SET TRANSACTION ISOLATION LEVEL READ COMMITTED, READ ONLY | NEITHER",
        "jdbc:mysql://db/app    | /*!COMMIT*/                                     | ENDS",
        "jdbc:mysql://db/app    | /*!40101 SET NAMES utf8 */                      | NEITHER",
        "jdbc:mysql://db/app    | /*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */ | NEITHER",
        "jdbc:mysql://db/app    | /*!40000 ALTER TABLE t DISABLE KEYS */          | ENDS",
        "jdbc:mariadb://db/app  | /*M!100100 SET autocommit = 1 */                | WRITE",
        "jdbc:mysql://db/app    | /*!50700 SET autocommit = 0 */                  | WRITE",
        "jdbc:mysql://db/app    | /*!50699 COMMIT */                              | ENDS",
        "jdbc:postgresql://db/a | /*!COMMIT*/ SELECT 1                            | WRITE",
        "jdbc:h2:mem:app        | /*!COMMIT*/ INSERT INTO t VALUES (1)            | WRITE",
        "jdbc:mysql://db/app    | SET autocommit = 0+1                            | AUTO_COMMIT_ON",
        "jdbc:mysql://db/app    | SET autocommit = 01                             | AUTO_COMMIT_ON",
        "jdbc:mysql://db/app    | SET autocommit = IF(1, 0, 1)                    | AUTO_COMMIT_ON",
        "jdbc:mysql://db/app    | SET autocommit = DEFAULT                        | AUTO_COMMIT_ON",
        "jdbc:mysql://db/app    | SET @old = @@autocommit, autocommit = 0         | AUTO_COMMIT_OFF",
        "jdbc:mysql://db/app    | SET autocommit = @old                           | AUTO_COMMIT_ON",
        "jdbc:mysql://db/app    | SET `autocommit` = 0 -- off                     | AUTO_COMMIT_OFF",
        "jdbc:mariadb://db/app  | SET @x = 5--3, autocommit = 0                   | AUTO_COMMIT_OFF",
        "jdbc:mysql://db/app    | --x\\nCOMMIT                                    | WRITE",
        "jdbc:postgresql://db/a | --x\\nCOMMIT                                    | ENDS",
        "jdbc:mysql://db/app    | /*!40101 SET @OLD_AC=@@AUTOCOMMIT, AUTOCOMMIT=0 */ | AUTO_COMMIT_OFF",
        "jdbc:mysql://db/app    | /*!40101 SET AUTOCOMMIT=@OLD_AC */              | AUTO_COMMIT_ON",
        "jdbc:mysql://db/app    | /*!50001 INSERT INTO t VALUES (1) */            | WRITE",
        "jdbc:mysql://db/app    | SELECT count(*) INTO @n FROM t                  | NEITHER",
        "jdbc:mariadb://db/app  | SET STATEMENT max_statement_time=10 FOR INSERT INTO t VALUES (1) | WRITE",
        "jdbc:mariadb://db/app  | SET STATEMENT max_statement_time=10 FOR SELECT 1 | NEITHER",
        "jdbc:mysql://db/app    | EXPLAIN ANALYZE FORMAT=TREE UPDATE t SET n = 1  | WRITE",
        "jdbc:mariadb://db/app  | SET NAMES utf8mb4                               | NEITHER",
        "jdbc:mysql://db/app    | USE test                                        | NEITHER",
        "jdbc:mysql://db/app    | {call archive_orders()}                         | WRITE",
        "jdbc:h2:mem:app        | { ? = call abs(-1) }                            | WRITE",
        "jdbc:mysql://db/app    | GRANT SELECT ON t TO u                          | ENDS",
        "jdbc:mysql://db/app    | START TRANSACTION                               | ENDS",
        "jdbc:mysql://db/app    | CREATE TEMPORARY TABLE t (id INT)               | WRITE",
        "jdbc:mariadb://db/app  | create or replace temporary table t (id int)    | WRITE",
        "jdbc:mysql://db/app    | DROP TEMPORARY TABLE t                          | WRITE",
        "jdbc:mysql://db/app    | INSERT INTO t VALUES (1)                        | WRITE",
        "jdbc:mysql://db/app    | CALL archive_orders()                           | WRITE",
        "jdbc:oracle:thin:@db   | CREATE GLOBAL TEMPORARY TABLE t (x INT)         | ENDS",
        "jdbc:oracle:thin:@db   | BEGIN archive; END;                             | ENDS",
        "jdbc:h2:mem:app        | create index i on t(id)                         | ENDS",
        "jdbc:h2:mem:app        | CREATE TEMPORARY TABLE t (id INT)               | ENDS",
        "jdbc:h2:mem:app        | COMMENT ON TABLE t IS 'orders'                  | ENDS",
        "jdbc:h2:mem:app        | SET MODE MySQL                                  | ENDS",
        "jdbc:h2:mem:app        | MERGE INTO t KEY (id) VALUES (1)                | WRITE",
        "jdbc:postgresql://db/a | CREATE TABLE t (id INT)                         | WRITE",
        "jdbc:postgresql://db/a | SET search_path TO app                          | NEITHER",
        "jdbc:sqlite:app.db     | PRAGMA foreign_keys = ON                        | NEITHER",
        "jdbc:postgresql://db/a | LOCK TABLE t IN SHARE MODE                      | NEITHER",
        "jdbc:postgresql://db/a | ALTER TABLE t ADD c INT                         | WRITE",
        "jdbc:postgresql://db/a | BEGIN                                           | NEITHER",
        "jdbc:postgresql://db/a | SELECT * INTO t2 FROM t                         | WRITE",
        "jdbc:postgresql://db/a | DECLARE cur CURSOR FOR SELECT id FROM t         | NEITHER",
        "jdbc:postgresql://db/a | CLOSE cur                                       | NEITHER",
        "jdbc:postgresql://db/a | PREPARE pp AS SELECT $1                         | NEITHER",
        "jdbc:postgresql://db/a | DEALLOCATE pp                                   | NEITHER",
        "jdbc:postgresql://db/a | EXPLAIN ANALYZE INSERT INTO t VALUES (1)        | WRITE",
        "jdbc:postgresql://db/a | explain (analyze, buffers) delete from t        | WRITE",
        "jdbc:postgresql://db/a | EXPLAIN INSERT INTO t VALUES (1)                | NEITHER",
        "jdbc:sqlite:app.db     | DROP TABLE t                                    | WRITE",
        "jdbc:postgresql://db/a | COMMIT                                          | ENDS",
        "jdbc:postgresql://db/a | end transaction                                 | ENDS",
        "jdbc:postgresql://db/a | ABORT                                           | ENDS",
        "jdbc:sqlite:app.db     | ROLLBACK                                        | ENDS",
        "jdbc:mysql://db/app    | rollback work                                   | ENDS",
        "jdbc:postgresql://db/a | ROLLBACK TO SAVEPOINT s1                        | NEITHER",
        "jdbc:mysql://db/app    | ROLLBACK WORK TO SAVEPOINT s1                   | NEITHER",
        "jdbc:h2:mem:app        | SAVEPOINT s1                                    | NEITHER",
        "jdbc:postgresql://db/a | RELEASE SAVEPOINT s1                            | NEITHER",
        "jdbc:mysql://db/app    | SHOW TABLES                                     | NEITHER",
        "jdbc:h2:mem:app        | EXPLAIN SELECT * FROM t                         | NEITHER",
    })
    void whatTheStatementDoes(String url, String sql, String effect) {
        assertEquals(effect, NAMES[TransactionSql.effect(connection(url), sql.replace("\\n", "\n"))]);
    }

    @Test
    void unknownSqlIsAWriteAndAnUnknownDatabaseRunsDdlInsideTheTransaction() {
        assertEquals(WRITE, TransactionSql.effect(connection("jdbc:mysql://db/app"), null));
        assertEquals(WRITE, TransactionSql.effect(connection(null), "CREATE TABLE t (id INT)"));
        assertEquals(ENDS, TransactionSql.effect(connection(null), "COMMIT"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "INSERT INTO t (name) VALUES ('x') RETURNING id | true",
        "  update t set n = 1 returning n               | true",
        "DELETE FROM t RETURNING *                      | true",
        "SELECT id FROM t                               | false",
        "CALL list_orders()                             | false",
        "EXPLAIN ANALYZE INSERT INTO t VALUES (1)       | true",
        "EXPLAIN (FORMAT JSON) INSERT INTO t VALUES (1) | false",
    })
    void aQueryChangesDataWhenItsStatementDoes(String sql, boolean changes) {
        assertEquals(changes, TransactionSql.changesData(connection("jdbc:postgresql://db/a"), sql));
    }

    private static ConnectionResource connection(String url) {
        return new ConnectionResource(new Object(), ThreadState.current(), null, url);
    }
}
