package io.connguard.it.scenarios;

import java.lang.ref.Cleaner;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A statement the application drops without closing, closed later by the JVM's disposal of
 * garbage, as pools' and libraries' safety nets do: a handle's {@code finalize()} ({@code finalizer},
 * DBCP's statements have one) or a {@code Cleaner}'s action ({@code cleaner}). Once it has been,
 * the connection is closed.
 */
public final class DroppedStatementDisposedOf {
    private static final CountDownLatch DISPOSED = new CountDownLatch(1);
    private static final Cleaner CLEANER = Cleaner.create();

    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "disposed").createItems(3);
        boolean cleaner = Arrays.asList(args).contains("cleaner");
        try (Connection c = DriverManager.getConnection(db.url)) {
            System.out.println("items: " + count(c, db.table, cleaner));
            while (!DISPOSED.await(50, TimeUnit.MILLISECONDS)) System.gc();
        }
        db.cleanUp();
        System.out.println("done");
    }

    /** Counts through a statement it never closes, left to a handle it drops. */
    static int count(Connection c, String table, boolean cleaner) throws SQLException {
        Statement st = c.createStatement(); // never closed by the application
        int count;
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            count = rs.getInt(1);
        }
        if (cleaner) {
            CLEANER.register(new Object(), () -> close(st));
        } else {
            new FinalizingHandle(st);
        }
        return count;
    }

    private static void close(Statement st) {
        try {
            st.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            DISPOSED.countDown();
        }
    }

    /** A library's handle whose finalizer closes the statement it was given. */
    static final class FinalizingHandle {
        private final Statement statement;

        FinalizingHandle(Statement statement) {
            this.statement = statement;
        }

        @Override
        @SuppressWarnings({"deprecation", "removal"})
        protected void finalize() {
            close(statement);
        }
    }
}
