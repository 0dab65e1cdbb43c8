package com.example.cucumber;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.cucumber.java.en.Given;

/** Cucumber step definitions outside {@code io.connguard}, as an application's are: one leaves a statement open. */
public class LeakSteps {
    static final List<Object> KEPT = new ArrayList<>();

    @Given("a statement left open when its connection closes")
    public void aStatementLeftOpen() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
        KEPT.add(c.prepareStatement("SELECT 1"));
        c.close();
    }
}
