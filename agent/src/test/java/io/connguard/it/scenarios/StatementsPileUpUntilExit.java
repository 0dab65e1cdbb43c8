package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * A method that prepares a statement per call and never closes it, called 2000 times on one
 * connection that stays open until the JVM exits.
 */
public final class StatementsPileUpUntilExit {
    static Connection connection; // open for the application's whole life

    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "pileup").createItems(3);
        connection = DriverManager.getConnection(db.url);
        int found = 0;
        for (int i = 0; i < 2000; i++) found += nameOf(1 + i % 3) != null ? 1 : 0;
        System.out.println("found " + found);
        System.out.println("done");
    }

    static String nameOf(int id) throws Exception {
        PreparedStatement ps = connection.prepareStatement("SELECT name FROM items WHERE id = ?"); // never closed
        ps.setInt(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
