package io.connguard.it.scenarios;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;

/**
 * On PostgreSQL, reads a value of an enum type and an array's elements. pgjdbc looks the type up
 * with statements of its own, made inside {@code getObject()} and a {@code ResultSetMetaData} call,
 * and keeps them for the connection's life; {@code Array.getResultSet()} executes a statement of
 * its own. Everything the scenario opens is closed, but one statement left open on purpose: that
 * one, and only that one, is a leak. Argument: the PostgreSQL URL.
 */
public final class DriverStatementsInsideCalls {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String type = "cg_mood_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TYPE " + type + " AS ENUM ('ok')");
        }
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT 'ok'::" + type + ", ARRAY[1, 2, 3]::int4[]")) {
                rs.next();
                ResultSetMetaData columns = rs.getMetaData();
                System.out.println("type: " + columns.getColumnTypeName(1) + ", value: " + rs.getObject(1));
                Array array = rs.getArray(2);
                try (ResultSet elements = array.getResultSet()) {
                    int n = 0;
                    while (elements.next()) n++;
                    System.out.println("elements: " + n);
                }
                array.free();
            }
            Statement leaked = c.createStatement();
            leaked.execute("SELECT 1");
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TYPE " + type);
        }
        System.out.println("done");
    }
}
