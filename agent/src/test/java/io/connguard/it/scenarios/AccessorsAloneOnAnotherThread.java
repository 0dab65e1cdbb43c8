package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Column getters and parameter setters, called alone: main runs a query and moves to its row; then
 * thread "row-reader" only reads a column of that row by its label ({@code getInt("id")}, inside
 * which sqlite-jdbc calls its own {@code findColumn}), thread "param-setter" only
 * sets a parameter of main's statement ({@code setInt}), and main, after closing the result set,
 * reads a column of it. Three findings: CROSS_THREAD_USE at the getter and at the setter,
 * USE_AFTER_CLOSE at the last getter. Main's own getters and setters are silent.
 */
public final class AccessorsAloneOnAnotherThread {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "accessors").createItems(10);
        try (Connection conn = DriverManager.getConnection(db.url);
             PreparedStatement ps = conn.prepareStatement("SELECT id FROM " + db.table + " WHERE id = ?")) {
            ps.setInt(1, 3);
            ResultSet rs = ps.executeQuery();
            rs.next();
            System.out.println("main read " + rs.getInt(1));
            Threads.run("row-reader", () -> System.out.println("row-reader read " + rs.getInt("id")));
            Threads.run("param-setter", () -> ps.setInt(1, 4));
            rs.close();
            try {
                rs.getInt(1);
            } catch (SQLException closed) {
                System.out.println("the driver refused the closed result set");
            }
        }
        db.cleanUp();
        System.out.println("done");
    }
}
