package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Two methods leak connections through one helper ({@code load} three times, {@code save} once),
 * and one method ({@code rows}) leaves a statement open on connections that {@code first} and
 * {@code second} open and close at their own lines. Everything leaked stays referenced, so the
 * leaks are found at exit (and the statements when their connections close), not by GC.
 */
public final class LeaksThroughOneHelper {
    static final List<Object> KEPT = new ArrayList<>();
    static String url;

    static Connection open() throws SQLException {
        return DriverManager.getConnection(url);
    }

    static void load() throws SQLException {
        KEPT.add(open());
    }

    static void save() throws SQLException {
        KEPT.add(open());
    }

    static void rows(Connection c) throws SQLException {
        KEPT.add(c.prepareStatement("SELECT 1"));
    }

    static void first() throws SQLException {
        try (Connection c = open()) {
            rows(c);
        }
    }

    static void second() throws SQLException {
        try (Connection c = open()) {
            rows(c);
        }
    }

    public static void main(String[] args) throws Exception {
        url = ScenarioDb.fromArgs(args, "helper").url;
        for (int i = 0; i < 3; i++) load();
        save();
        first();
        second();
        System.out.println("done");
    }
}
