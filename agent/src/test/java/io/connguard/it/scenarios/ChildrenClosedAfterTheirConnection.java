package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Main opens a connection, a statement and a result set, and closes the connection; thread
 * "worker" then closes the result set and the statement. JDBC released both when their connection
 * closed, so closing them again is a no-op, from any thread. The statement was still open when its
 * connection closed: that, and only that, is a leak.
 */
public final class ChildrenClosedAfterTheirConnection {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "children").createItems(3);
        Connection conn = DriverManager.getConnection(db.url);
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT id FROM " + db.table);
        rs.next();
        conn.close();
        Threads.run("worker", () -> {
            rs.close();
            st.close();
        });
        db.cleanUp();
        System.out.println("done");
    }
}
