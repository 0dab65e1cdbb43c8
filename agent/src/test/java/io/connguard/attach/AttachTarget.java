package io.connguard.attach;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A JVM that uses SQLite before connguard is attached and again after: args are the database
 * file, a file to create when ready for the attach, and one to wait for once it happened.
 */
public final class AttachTarget {
    public static void main(String[] args) throws Exception {
        String url = "jdbc:sqlite:" + args[0];
        Connection before = DriverManager.getConnection(url); // the driver's classes load before the agent
        try (Statement s = before.createStatement()) {
            s.execute("create table if not exists t(x int)");
        }
        Files.createFile(Paths.get(args[1]));
        Path attached = Paths.get(args[2]);
        while (!Files.exists(attached)) Thread.sleep(20);

        Connection after = DriverManager.getConnection(url);
        Thread worker = new Thread(() -> {
            try (Statement s = after.createStatement()) {
                s.executeQuery("select count(*) from t").close();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, "attach-worker");
        worker.start();
        worker.join();
        after.close();
        before.close();
        System.out.println("done");
    }
}
