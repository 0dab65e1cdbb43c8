package io.connguard.attach;

import com.example.loaders.SelfContainedLoader;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;

/**
 * A JVM that uses SQLite before connguard is attached and again after: args are the database
 * file, a file to create when ready for the attach, one to wait for once it happened, and
 * optionally {@code self-contained}: the driver then comes from a loader that asks its parent for
 * the JDK's classes only, so it never finds connguard's runtime by delegation. After
 * the attach, a worker uses main's connection and one of its prepared statements (sqlite-jdbc
 * declares the prepared statement's methods in an abstract class that is no PreparedStatement),
 * and main uses a prepared statement correctly.
 */
public final class AttachTarget {
    public static void main(String[] args) throws Exception {
        String url = "jdbc:sqlite:" + args[0];
        Driver driver = args.length > 3 && args[3].equals("self-contained") ? selfContainedDriver() : DriverManager.getDriver(url);
        Connection before = driver.connect(url, new Properties()); // the driver's classes load before the agent
        try (Statement s = before.createStatement()) {
            s.execute("create table if not exists t(x int)");
        }
        try (PreparedStatement p = before.prepareStatement("select count(*) from t"); ResultSet rs = p.executeQuery()) {
            rs.next(); // and so do its prepared statements and result sets
        }
        Files.createFile(Paths.get(args[1]));
        Path attached = Paths.get(args[2]);
        while (!Files.exists(attached)) Thread.sleep(20);

        Connection after = driver.connect(url, new Properties());
        PreparedStatement count = after.prepareStatement("select count(*) from t");
        Thread worker = new Thread(() -> {
            try (Statement s = after.createStatement()) {
                s.executeQuery("select count(*) from t").close();
                count.executeQuery().close();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, "attach-worker");
        worker.start();
        worker.join();
        try (PreparedStatement ps = after.prepareStatement("select x from t where x = ?")) { // correct: silent
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
        count.close();
        after.close();
        before.close();
        System.out.println("done");
    }

    private static Driver selfContainedDriver() throws Exception {
        Path jar = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Paths::get)
            .filter(p -> p.getFileName().toString().startsWith("sqlite-jdbc")).findFirst().orElseThrow();
        ClassLoader loader = new SelfContainedLoader(new URL[] {jar.toUri().toURL()}, AttachTarget.class.getClassLoader());
        return (Driver) Class.forName("org.sqlite.JDBC", true, loader).getDeclaredConstructor().newInstance();
    }
}
