package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * A correct program that prints query results (main and a worker, each with its own connection) and
 * ends with {@code System.exit(3)}: the agent must change neither its output nor its exit status.
 */
public final class CorrectProgramExitsThree {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "exitthree").createItems(5);
        try (Connection c = DriverManager.getConnection(db.url);
             PreparedStatement ps = c.prepareStatement("SELECT id, name FROM " + db.table + " ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) System.out.println(rs.getInt(1) + " " + rs.getString(2));
        }
        Threads.run("worker", () -> {
            try (Connection c = DriverManager.getConnection(db.url);
                 PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + db.table);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                System.out.println("worker counted " + rs.getInt(1));
            }
        });
        db.cleanUp();
        System.out.println("exiting with 3");
        System.exit(3);
    }
}
