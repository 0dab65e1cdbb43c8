package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Main's connection used by thread "first-user", then, after it has finished, by "second-user", then
 * by main again. Cross-thread use, but the calls never overlap: never concurrent use.
 */
public final class SequentialHandOffs {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "sequential").createItems(10);
        try (Connection conn = DriverManager.getConnection(db.url)) {
            Threads.run("first-user", () -> {
                try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db.table)) {
                    rs.next();
                }
            });
            Threads.run("second-user", () -> {
                try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT max(id) FROM " + db.table)) {
                    rs.next();
                }
            });
            try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT min(id) FROM " + db.table)) {
                rs.next();
            }
        }
        db.cleanUp();
        System.out.println("done");
    }
}
