package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * For strict mode: thread "strict-user" calls createStatement on main's connection and reports what
 * happened on stdout: "call succeeded", or "caught CLASS: MESSAGE" for an SQLException.
 */
public final class WorkerUsesMainsConnection {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "strict").createItems(10);
        try (Connection conn = DriverManager.getConnection(db.url)) {
            Threads.run("strict-user", () -> {
                try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db.table)) {
                    rs.next();
                    System.out.println("call succeeded: " + rs.getInt(1) + " items");
                } catch (SQLException e) {
                    System.out.println("caught " + e.getClass().getName() + ": " + e.getMessage());
                }
            });
        }
        db.cleanUp();
        System.out.println("done");
    }
}
