package io.connguard.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:mysql://root:secret@127.0.0.1:3306/test                           | jdbc:mysql://127.0.0.1:3306/test",
            "jdbc:mysql://127.0.0.1:3306/test?user=root&password=secret&useSSL=false | jdbc:mysql://127.0.0.1:3306/test?useSSL=false",
            "jdbc:mysql://127.0.0.1:3306/test?useSSL=false&Password=secret          | jdbc:mysql://127.0.0.1:3306/test?useSSL=false",
            "jdbc:mysql://127.0.0.1:3306/test?password1=secret                      | jdbc:mysql://127.0.0.1:3306/test",
            "jdbc:sqlserver://db;user=sa;password=secret;databaseName=test          | jdbc:sqlserver://db;databaseName=test",
            "jdbc:sqlite:/tmp/connguard-sample.db                                   | jdbc:sqlite:/tmp/connguard-sample.db",
    })
    void printedUrlCarriesNoCredentials(String url, String printed) {
        assertEquals(printed, new Database(url, "root", "secret").safeUrl());
    }
}
