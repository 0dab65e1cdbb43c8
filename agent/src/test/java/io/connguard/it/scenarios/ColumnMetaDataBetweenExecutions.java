package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;

/**
 * Reads the column metadata of a result set and of a prepared statement between executions, as
 * code that maps rows by column name does, and closes everything it opens. {@code getMetaData()}
 * of a result set or a prepared statement describes columns and hands out nothing to close;
 * sqlite-jdbc's result set returns itself, and its prepared statement its own result set. Nothing
 * here is misuse.
 */
public final class ColumnMetaDataBetweenExecutions {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "columns").createItems(3);
        try (Connection conn = DriverManager.getConnection(db.url);
             Statement st = conn.createStatement();
             PreparedStatement ps = conn.prepareStatement("SELECT id, name FROM " + db.table + " WHERE id = ?")) {
            ResultSet rs = st.executeQuery("SELECT id, name FROM " + db.table);
            int columns = rs.getMetaData().getColumnCount();
            rs.next();
            rs.close();
            try (ResultSet count = st.executeQuery("SELECT COUNT(*) FROM " + db.table)) {
                count.next();
                System.out.println("columns: " + columns + ", rows: " + count.getInt(1));
            }
            ResultSetMetaData described = ps.getMetaData(); // JDBC lets a driver answer null before execution
            ps.setInt(1, 2);
            try (ResultSet one = ps.executeQuery()) {
                one.next();
                System.out.println("described: " + (described != null) + ", name: " + one.getString(2));
            }
            ps.setInt(1, 3);
            try (ResultSet other = ps.executeQuery()) {
                other.next();
                System.out.println("name: " + other.getString("name") + ", autocommit: " + conn.getAutoCommit());
            }
        }
        db.cleanUp();
        System.out.println("done");
    }
}
