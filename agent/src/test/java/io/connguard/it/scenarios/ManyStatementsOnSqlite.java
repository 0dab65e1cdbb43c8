package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * sqlite-jdbc declares executeQuery and close in superclasses (JDBC3Statement, CoreStatement)
 * that do not implement java.sql.Statement. A correct program that prepares, executes and closes
 * many statements, every way, must get no finding (in particular no false PARENT_CLOSED).
 */
public final class ManyStatementsOnSqlite {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "churn").createItems(20);
        try (Connection c = DriverManager.getConnection(db.url)) {
            for (int i = 0; i < 150; i++) {
                PreparedStatement ps = c.prepareStatement("SELECT name FROM " + db.table + " WHERE id = ?");
                ps.setInt(1, 1 + i % 20);
                ResultSet rs = ps.executeQuery();
                rs.next();
                rs.close();
                ps.close();

                Statement s = c.createStatement();
                ResultSet all = s.executeQuery("SELECT id, name FROM " + db.table);
                while (all.next()) {
                    all.getString(2);
                }
                all.close();
                s.close();

                try (Statement u = c.createStatement()) {
                    u.executeUpdate("UPDATE " + db.table + " SET name = 'n" + i + "' WHERE id = " + (1 + i % 20));
                    if (u.execute("SELECT count(*) FROM " + db.table)) {
                        try (ResultSet r = u.getResultSet()) {
                            r.next();
                        }
                    }
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + db.table + " (id, name) VALUES (?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                for (int i = 1000; i < 1050; i++) {
                    ins.setInt(1, i);
                    ins.setString(2, "new " + i);
                    ins.executeUpdate();
                    try (ResultSet keys = ins.getGeneratedKeys()) {
                        keys.next();
                    }
                }
            }
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet tables = meta.getTables(null, null, "%", null)) {
                while (tables.next()) {
                    tables.getString("TABLE_NAME");
                }
            }
        }
        Threads.collectGarbage();
        db.cleanUp();
        System.out.println("done");
    }
}
