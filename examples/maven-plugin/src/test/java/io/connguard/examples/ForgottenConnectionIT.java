package io.connguard.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** An integration test (Failsafe) that never closes its connection: connguard reports a LEAK. */
class ForgottenConnectionIT {
    @Test
    void selectsOneWithoutClosing() throws Exception {
        Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
        ResultSet rs = connection.createStatement().executeQuery("SELECT 1");
        rs.next();
        assertEquals(1, rs.getInt(1));
    }
}
