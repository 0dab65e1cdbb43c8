package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * A statement text full of literals, prepared by thread "literal-user" on a connection main opened:
 * a CROSS_THREAD_USE whose {@code sql} the report shows. Args: the JDBC URL, the SQL text. Connector/J
 * and pgjdbc send nothing to the server before the first execute, so the text needs no table.
 */
public final class PreparesLiteralsOnAnotherThread {
    public static void main(String[] args) throws Exception {
        try (Connection conn = DriverManager.getConnection(args[0])) {
            Threads.run("literal-user", () -> conn.prepareStatement(args[1]).close());
        }
        System.out.println("done");
    }
}
