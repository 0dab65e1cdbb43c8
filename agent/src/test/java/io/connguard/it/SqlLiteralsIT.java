package io.connguard.it;

import static io.connguard.contract.Kind.Names.CROSS_THREAD_USE;

import java.util.List;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.connguard.it.scenarios.PreparesLiteralsOnAnotherThread;

/**
 * "SQL literals are never written by default", for each literal form that each database the tests
 * use reads differently: a cross-thread prepareStatement of the text on the real driver and server,
 * and neither the report nor the log may hold a secret from it.
 */
@Execution(ExecutionMode.CONCURRENT)
class SqlLiteralsIT {
    private static final List<String> SECRETS = List.of("s3cret", "alice");

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "MariaDB    | INSERT INTO users (name, pw) VALUES (\"alice\", \"s3cret\") | INSERT INTO users (name, pw) VALUES (?, ?)",
            "MariaDB    | SELECT CONCAT(\"s3cret\", name) FROM users               | SELECT CONCAT(?, name) FROM users",
            "MariaDB    | SELECT 'C:\\', 's3cret'                                  | SELECT ?",
            "PostgreSQL | SELECT 'C:\\', 's3cret'                                  | SELECT ?, ?",
            "PostgreSQL | SELECT E'it\\'s', $$s3cret$$, $t$alice$t$               | SELECT ?, ?, ?",
            "SQLite     | SELECT 'C:\\', 's3cret', \"alice\"                       | SELECT ?, ?, ?",
            "H2         | SELECT 'C:\\', 's3cret', $$alice$$                       | SELECT ?, ?, ?",
    })
    void literalsOfACrossThreadPrepareNeverReachTheReportOrTheLog(String database, String sql, String shown) {
        RunResult run = AgentRun.scenario(PreparesLiteralsOnAnotherThread.class).args(url(database), sql).runOnce().assertCompleted();
        run.verify(() -> {
            FindingLine used = run.report().only(CROSS_THREAD_USE).assertActor("literal-user");
            used.assertField("sql", shown);
            for (String secret : SECRETS) {
                if (run.reportText().contains(secret)) throw run.report().fail("the report contains " + secret);
                if (run.stderr().contains(secret)) throw run.report().fail("stderr contains " + secret);
            }
        });
    }

    private static String url(String database) {
        switch (database) {
            case "MariaDB":
                Mysql.assumeReachable();
                return Mysql.URL;
            case "PostgreSQL":
                Postgres.assumeReachable();
                return Postgres.URL;
            case "SQLite":
                return "jdbc:sqlite:literals.db";
            case "H2":
                return "jdbc:h2:mem:literals";
            default:
                throw new IllegalArgumentException(database);
        }
    }
}
