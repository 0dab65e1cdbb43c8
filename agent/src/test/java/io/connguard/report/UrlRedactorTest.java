package io.connguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlRedactorTest {

    private static void redacts(String url, String expected) {
        assertEquals(expected, UrlRedactor.redact(url));
    }

    @Test
    void nullStaysNull() {
        assertNull(UrlRedactor.redact(null));
    }

    @Test
    void passwordInQueryStringIsRemoved() {
        redacts("jdbc:postgresql://db:5432/app?password=hunter2", "jdbc:postgresql://db:5432/app");
        redacts("jdbc:postgresql://db/app?ssl=true&password=hunter2&connectTimeout=5",
                "jdbc:postgresql://db/app?ssl=true&connectTimeout=5");
    }

    @Test
    void userAndPasswordParametersAreRemovedWithTheirSeparators() {
        redacts("jdbc:mysql://localhost/test?user=root&password=hunter2&serverTimezone=UTC",
                "jdbc:mysql://localhost/test?serverTimezone=UTC");
        redacts("jdbc:mysql://localhost/test?user=root&password=hunter2", "jdbc:mysql://localhost/test");
    }

    @Test
    void userInfoIsRemoved() {
        redacts("jdbc:mysql://root:hunter2@localhost:3306/test?useSSL=false", "jdbc:mysql://localhost:3306/test?useSSL=false");
        redacts("jdbc:postgresql://alice@db/app", "jdbc:postgresql://db/app");
        redacts("jdbc:mysql://root:hun@ter2@h1:3306,h2:3306/db", "jdbc:mysql://h1:3306,h2:3306/db");
        redacts("jdbc:mysql://root:hun/ter2@localhost/db", "jdbc:mysql://localhost/db");
    }

    @Test
    void atSignInPathOrValueIsNotUserInfo() {
        redacts("jdbc:mysql://localhost:3306/db@x", "jdbc:mysql://localhost:3306/db@x");
        redacts("jdbc:mysql://localhost/db?useSSL=false&clientInfo=a@b", "jdbc:mysql://localhost/db?useSSL=false&clientInfo=a@b");
    }

    @Test
    void mysqlAddressFormPairsAreRemoved() {
        redacts("jdbc:mysql://address=(host=h)(port=3306)(user=root)(password=hunter2)/db",
                "jdbc:mysql://address=(host=h)(port=3306)/db");
        redacts("jdbc:mysql://(host=h,user=root,password=hunter2,port=3306)/db", "jdbc:mysql://(host=h,port=3306)/db");
    }

    @Test
    void sqlServerSemicolonPropertiesAreRemovedEvenWithBraces() {
        redacts("jdbc:sqlserver://host:1433;databaseName=app;user=sa;password={hun;ter2};encrypt=true",
                "jdbc:sqlserver://host:1433;databaseName=app;encrypt=true");
        redacts("jdbc:sqlserver://host;integratedSecurity=false;PWD=hunter2", "jdbc:sqlserver://host;integratedSecurity=false");
    }

    @Test
    void h2SemicolonPropertiesAreRemoved() {
        redacts("jdbc:h2:mem:test;USER=sa;PASSWORD=hunter2;MODE=MySQL", "jdbc:h2:mem:test;MODE=MySQL");
        redacts("jdbc:h2:tcp://localhost/~/test;CIPHER=AES;FILE_PASSWORD=hunter2", "jdbc:h2:tcp://localhost/~/test;CIPHER=AES");
    }

    @Test
    void derbyAndDb2PropertiesAreRemoved() {
        redacts("jdbc:derby://localhost:1527/db;create=true;user=app;password=hunter2", "jdbc:derby://localhost:1527/db;create=true");
        redacts("jdbc:db2://host:50000/SAMPLE:user=db2inst1;password=hunter2;currentSchema=S;",
                "jdbc:db2://host:50000/SAMPLE:currentSchema=S;");
    }

    @ParameterizedTest
    @CsvSource({
            "jdbc:oracle:thin:scott/tiger@//db:1521/ORCL,             jdbc:oracle:thin:@//db:1521/ORCL",
            "jdbc:oracle:thin:scott/tiger@db:1521:ORCL,               jdbc:oracle:thin:@db:1521:ORCL",
            "jdbc:oracle:oci:scott/tiger@ORCL,                        jdbc:oracle:oci:@ORCL",
            "jdbc:oracle:thin:scott/\"ti@ger\"@db:1521:ORCL,          jdbc:oracle:thin:@db:1521:ORCL",
            "jdbc:oracle:thin:@db:1521:ORCL,                          jdbc:oracle:thin:@db:1521:ORCL",
    })
    void oracleThinCredentialsAreRemoved(String url, String expected) {
        redacts(url, expected);
    }

    @Test
    void oracleDescriptorIsUntouched() {
        String url = "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=h)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=s)))";
        redacts(url, url);
    }

    @Test
    void tokensKeysAndSecretsAreRemoved() {
        redacts("jdbc:snowflake://acct.snowflakecomputing.com/?db=x&private_key_file_pwd=a&apiKey=b&accessKey=c"
                        + "&token=d&client_secret=e&credentials=f&warehouse=w",
                "jdbc:snowflake://acct.snowflakecomputing.com/?db=x&warehouse=w");
    }

    /** Connector/J percent-decodes a key: {@code %70assword} logs in as {@code password}. */
    @Test
    void keysAreJudgedAfterPercentDecoding() {
        redacts("jdbc:mysql://127.0.0.1:3306/test?user=cgprobe&%70assword=Pw7Zq81xKv", "jdbc:mysql://127.0.0.1:3306/test");
        redacts("jdbc:mysql://h/db?useSSL=false&PASS%57ORD=x&a=1", "jdbc:mysql://h/db?useSSL=false&a=1");
        redacts("jdbc:mysql://h/db?useSSL=false&+password+=x", "jdbc:mysql://h/db?useSSL=false");
        redacts("jdbc:mysql://h/db?useSSL=false& password=x", "jdbc:mysql://h/db?useSSL=false");
        redacts("jdbc:h2:mem:t;%50WD=x;MODE=MySQL", "jdbc:h2:mem:t;MODE=MySQL");
        redacts("jdbc:mysql://(host=h,%75ser=root,port=3306)/db", "jdbc:mysql://(host=h,port=3306)/db");
    }

    /** A key that does not decode to a plain name may be a credential to some driver: its value goes. */
    @ParameterizedTest
    @ValueSource(strings = {"pass%ZZword", "%", "%7", "pa%C5%BFsword", "pa\u017Fsword", "%2570assword", "pass%00word",
            "pass word", "p@ssword"})
    void oddKeysLoseTheirValues(String key) {
        redacts("jdbc:mysql://h/db?useSSL=false&" + key + "=Pw7Zq81xKv", "jdbc:mysql://h/db?useSSL=false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"useSSL", "server%54imezone", "+cache+", "connect%2DTimeout"})
    void decodedOrdinaryKeysAreKept(String key) {
        assertFalse(UrlRedactor.isSecretKey(key));
        redacts("jdbc:mysql://h/db?" + key + "=1", "jdbc:mysql://h/db?" + key + "=1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "PASSWORD", "passwd", "pwd", "pass", "trustStorePassword", "secret", "authToken",
            "credential", "apiKey", "accessKey", "key", "user", "USERNAME", "uid"})
    void secretNames(String name) {
        assertTrue(UrlRedactor.isSecretName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"useSSL", "serverTimezone", "databaseName", "host", "keystoreType", "userAgent", "mode"})
    void ordinaryNames(String name) {
        assertFalse(UrlRedactor.isSecretName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:sqlite:/tmp/x.db", "jdbc:sqlite::memory:", "jdbc:sqlite:C:\\work\\passwords.db",
            "jdbc:sqlite:file:test.db?mode=memory&cache=shared", "jdbc:sqlite:/home/user/keys.db",
            "jdbc:h2:mem:test", "jdbc:mysql://localhost:3306/test", "jdbc:postgresql://db/app?ssl=true"})
    void urlsWithoutCredentialsAreUntouched(String url) {
        redacts(url, url);
    }

    @Test
    void randomInputNeverThrows() {
        String alphabet = "jdbc:/@?&;=,(){}#pPaAsSwWoOrRdDuUeEkKyY0123 ";
        Random random = new Random(7);
        for (int round = 0; round < 200_000; round++) {
            StringBuilder url = new StringBuilder(random.nextBoolean() ? "jdbc:" : "");
            int length = random.nextInt(30);
            for (int i = 0; i < length; i++) url.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String redacted = UrlRedactor.redact(url.toString());
            assertFalse(redacted.endsWith(":(redacted)"), () -> "fell back on " + url);
        }
    }
}
