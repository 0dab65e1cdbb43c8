package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** A slow use, not a leak: a connection held for 600 ms, then closed by its owner. */
public final class ConnectionHeldSixHundredMillis {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "heldlong").createItems(10);
        try (Connection c = DriverManager.getConnection(db.url)) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db.table)) {
                rs.next();
            }
            Thread.sleep(600);
        }
        Thread.sleep(300);
        db.cleanUp();
        System.out.println("done");
    }
}
