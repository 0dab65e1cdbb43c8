package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The classic bug: main obtains a JDBC resource and hands it to another thread. Three hand-offs, each
 * on its own connection so each is its own finding: a Connection (thread "conn-borrower" calls
 * createStatement), a PreparedStatement ("ps-borrower" calls executeQuery) and a ResultSet
 * ("rs-borrower" calls next). The threads run one after the other: cross-thread, never concurrent.
 * Main closes everything it opened.
 */
public final class HandOffToAnotherThread {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "handoff").createItems(10);

        Connection conn = DriverManager.getConnection(db.url);
        Threads.run("conn-borrower", () -> {
            try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db.table)) {
                rs.next();
            }
        });
        conn.close();

        Connection conn2 = DriverManager.getConnection(db.url);
        PreparedStatement ps = conn2.prepareStatement("SELECT name FROM " + db.table + " WHERE id = 3");
        Threads.run("ps-borrower", () -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        });
        ps.close();
        conn2.close();

        Connection conn3 = DriverManager.getConnection(db.url);
        Statement st = conn3.createStatement();
        ResultSet rs = st.executeQuery("SELECT id FROM " + db.table);
        Threads.run("rs-borrower", () -> {
            int n = 0;
            while (rs.next()) n++;
            if (n != 10) throw new IllegalStateException("read " + n + " rows");
        });
        rs.close();
        st.close();
        conn3.close();

        db.cleanUp();
        System.out.println("done");
    }
}
