package io.connguard.instrument;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class JdbcCandidatesTest {

    @Test
    void aDriverClassIsACandidate() throws IOException {
        assertTrue(JdbcCandidates.isCandidate(bytesOf(org.sqlite.jdbc4.JDBC4Connection.class)));
        assertTrue(JdbcCandidates.isCandidate(bytesOf(org.sqlite.SQLiteDataSource.class)));
    }

    @Test
    void aClassThatNeverNamesJdbcIsNot() throws IOException {
        assertFalse(JdbcCandidates.isCandidate(bytesOf(java.util.ArrayList.class)));
        assertFalse(JdbcCandidates.isCandidate("javasql/".getBytes()));
        assertFalse(JdbcCandidates.isCandidate(new byte[0]));
    }

    @Test
    void bothPackagesCount() {
        assertTrue(JdbcCandidates.isCandidate("xxLjava/sql/Connection;".getBytes()));
        assertTrue(JdbcCandidates.isCandidate("xxLjavax/sql/DataSource;".getBytes()));
    }

    @Test
    void aClassLoaderThatOverridesLoadClassIsACandidate() throws IOException {
        assertTrue(JdbcCandidates.isCandidate(bytesOf(OwnLoader.class)));
        assertTrue(JdbcCandidates.isCandidate(new byte[] {0, 0, 0, 0, 1, 0, 9, 'l', 'o', 'a', 'd', 'C', 'l', 'a', 's', 's'}));
    }

    @Test
    void onlyTheWholeNameLoadClassCounts() {
        assertFalse(JdbcCandidates.isCandidate(new byte[] {0, 0, 0, 0, 1, 0, 13, 'l', 'o', 'a', 'd', 'C', 'l', 'a', 's', 's', 'D', 'a', 't', 'a'}));
        assertFalse(JdbcCandidates.isCandidate(new byte[] {0, 0, 0, 0, 1, 0, 9, 'l', 'o', 'a', 'd', 'C', 'l', 'a', 's'}));
    }

    /** A loader class as the application declares one. */
    private static final class OwnLoader extends ClassLoader {
        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            return super.loadClass(name, resolve);
        }
    }

    private static byte[] bytesOf(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void jdkClassesAreNeverCandidatesButItsProxiesAre() {
        assertTrue(JdbcCandidates.isJdk("java/sql/SQLException"));
        assertTrue(JdbcCandidates.isJdk("javax/sql/rowset/RowSetProvider"));
        assertTrue(JdbcCandidates.isJdk("com/sun/rowset/CachedRowSetImpl"));
        assertFalse(JdbcCandidates.isJdk("jdk/proxy2/$Proxy12"));
        assertFalse(JdbcCandidates.isJdk("com/sun/proxy/$Proxy7"));
        assertFalse(JdbcCandidates.isJdk("org/sqlite/JDBC"));
    }
}
