package com.example.groovy

import java.sql.Connection
import java.sql.DriverManager

/**
 * Groovy code that leaves a statement open when it closes its connection, and lets another thread
 * use that connection. Groovy 3 calls every Java method through a call site class it generates
 * ({@code java_sql_Connection$prepareStatement}) and its runtime: the findings must name these
 * lines all the same.
 */
class LeaksFromGroovy {
    static List kept = []

    static void rows(Connection c) {
        kept << c.prepareStatement("SELECT 1")
    }

    static void main(String[] args) {
        Connection c = DriverManager.getConnection(args[0])
        rows(c)
        Thread worker = new Thread({ c.createStatement().close() } as Runnable, "worker")
        worker.start()
        worker.join()
        c.close()
    }
}
