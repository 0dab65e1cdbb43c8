package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Statements under {@code closeOnCompletion()}, which JDBC closes when their result set closes
 * (JDBC 4.1, {@code Statement.closeOnCompletion}): one asked before its query runs, one after it
 * (as MyBatis's cursors do); the program reads and closes their result sets and not the
 * statements. A third one's result set is never closed: that statement is still open when the
 * connection closes, the one leak here.
 */
public final class StatementsClosedOnCompletion {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "oncompletion").createItems(2);
        try (Connection conn = DriverManager.getConnection(db.url)) {
            PreparedStatement before = conn.prepareStatement("SELECT id FROM " + db.table);
            before.closeOnCompletion();
            readAndClose(before.executeQuery());
            Statement after = conn.createStatement();
            ResultSet rows = after.executeQuery("SELECT id FROM " + db.table);
            after.closeOnCompletion();
            readAndClose(rows);
            PreparedStatement leftOpen = conn.prepareStatement("SELECT name FROM " + db.table);
            leftOpen.closeOnCompletion();
            leftOpen.executeQuery().next();
        }
        db.cleanUp();
        System.out.println("done");
    }

    private static void readAndClose(ResultSet rows) throws SQLException {
        while (rows.next()) rows.getInt(1);
        rows.close();
    }
}
