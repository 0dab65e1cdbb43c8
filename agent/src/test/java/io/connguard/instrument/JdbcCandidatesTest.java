package io.connguard.instrument;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class JdbcCandidatesTest {

    @Test
    void aDriverClassIsACandidate() throws IOException {
        assertTrue(JdbcCandidates.mentionsJdbc(bytesOf(org.sqlite.jdbc4.JDBC4Connection.class)));
        assertTrue(JdbcCandidates.mentionsJdbc(bytesOf(org.sqlite.SQLiteDataSource.class)));
    }

    @Test
    void aClassThatNeverNamesJdbcIsNot() throws IOException {
        assertFalse(JdbcCandidates.mentionsJdbc(bytesOf(java.util.ArrayList.class)));
        assertFalse(JdbcCandidates.mentionsJdbc("javasql/".getBytes()));
        assertFalse(JdbcCandidates.mentionsJdbc(new byte[0]));
    }

    @Test
    void bothPackagesCount() {
        assertTrue(JdbcCandidates.mentionsJdbc("xxLjava/sql/Connection;".getBytes()));
        assertTrue(JdbcCandidates.mentionsJdbc("xxLjavax/sql/DataSource;".getBytes()));
    }

    private static byte[] bytesOf(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }
}
