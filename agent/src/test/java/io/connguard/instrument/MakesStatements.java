package io.connguard.instrument;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Application code for {@link CallSiteRewriterTest}: each method makes a statement and takes the
 * frame a stack gives its line, on that same line.
 */
public final class MakesStatements {
    private MakesStatements() {}

    /** The prepared statement and the frame of the line that made it. */
    public static Object[] prepare(Connection c) throws SQLException {
        Object made = c.prepareStatement("SELECT 1"); StackTraceElement at = new Throwable().getStackTrace()[0];
        return new Object[] {made, at};
    }

    /** A statement made with result set type and concurrency, and the frame of its line. */
    public static Object[] create(Connection c) throws SQLException {
        Object made = c.createStatement(java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY); StackTraceElement at = new Throwable().getStackTrace()[0];
        return new Object[] {made, at};
    }

    /** Uses a connection without making a statement. */
    public static void close(Connection c) throws SQLException {
        c.close();
    }
}
