package io.connguard.it.scenarios;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import javax.sql.DataSource;

/**
 * A unit test's way with JDBC: a mocked data source hands out a mocked connection, which the code
 * under test closes, and which the test then verifies, after the close; a second mocked connection
 * is never closed and is used from another thread. None of it holds a resource. Beside it, one
 * real SQLite connection is left open: that leak is real.
 */
public final class MockedJdbcBesideARealLeak {
    public static void main(String[] args) throws Exception {
        DataSource dataSource = mock(DataSource.class);
        Connection mocked = mock(Connection.class);
        PreparedStatement statement = mock(PreparedStatement.class);
        when(dataSource.getConnection()).thenReturn(mocked);
        when(mocked.prepareStatement(anyString())).thenReturn(statement);

        Connection c = dataSource.getConnection();
        c.prepareStatement("SELECT 1").executeQuery();
        c.close();
        verify(c).prepareStatement("SELECT 1");
        verify(c).close();

        Connection neverClosed = dataSource.getConnection();
        Thread other = new Thread(() -> {
            try {
                neverClosed.createStatement();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        other.start();
        other.join();

        Connection real = DriverManager.getConnection("jdbc:sqlite::memory:");
        real.createStatement().close();
        System.out.println("done");
    }
}
