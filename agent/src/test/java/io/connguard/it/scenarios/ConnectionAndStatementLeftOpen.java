package io.connguard.it.scenarios;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;

/**
 * One bug: {@link #firstName} closes neither its connection nor its statement. With
 * {@code collected} the program drops both and waits until the GC has collected the connection
 * (its own weak reference to it enqueued); with {@code worker} a thread that then ends makes them;
 * with {@code kept} the main thread does, and keeps them until the program exits. With
 * {@code oneLine} one line makes both ({@link #prepareOnNewConnection}, as a framework's lazy cursor
 * borrows and prepares in one call).
 */
public final class ConnectionAndStatementLeftOpen {
    static Connection kept;

    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "leftopen").createItems(3);
        oneLine = Arrays.asList(args).contains("oneLine");
        if (Arrays.asList(args).contains("worker")) {
            Thread worker = new Thread(() -> {
                try {
                    System.out.println("first: " + firstName(db));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "worker");
            worker.start();
            worker.join();
        } else {
            System.out.println("first: " + firstName(db));
        }
        if (Arrays.asList(args).contains("collected")) {
            ReferenceQueue<Connection> queue = new ReferenceQueue<>();
            Reference<Connection> collected = new WeakReference<>(kept, queue);
            kept = null;
            Threads.collectUntilEnqueued(queue, collected);
        }
        db.cleanUp();
        System.out.println("done");
    }

    static boolean oneLine;

    static String firstName(ScenarioDb db) throws Exception {
        String sql = "SELECT name FROM " + db.table + " WHERE id = ?";
        PreparedStatement ps;
        if (oneLine) {
            ps = prepareOnNewConnection(db.url, sql);
        } else {
            Connection c = DriverManager.getConnection(db.url); // never closed
            ps = c.prepareStatement(sql); // never closed
        }
        ps.setInt(1, 1);
        kept = ps.getConnection();
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static PreparedStatement prepareOnNewConnection(String url, String sql) throws Exception {
        return DriverManager.getConnection(url).prepareStatement(sql); // neither ever closed
    }
}
