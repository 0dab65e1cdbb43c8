package io.connguard.instrument;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Application code for {@link CallSiteRewriterTest}: two statement-making calls and a call that makes none. */
public final class MakesStatements {
    private MakesStatements() {}

    public static Object prepare(Connection c) throws SQLException {
        return c.prepareStatement("SELECT 1");
    }

    public static Object create(Connection c) throws SQLException {
        return c
            .createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    }

    public static void close(Connection c) throws SQLException {
        c.close();
    }
}
