package io.connguard.it.scenarios;

import com.example.loaders.ThrowingLoader;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;

/**
 * A class loader that asks its parent for the JDK's classes, defines sqlite-jdbc's itself and throws
 * {@code NullPointerException} for any other name (as one in HikariCP's test suite does); a proxy
 * {@code Connection} class and the SQLite driver are defined in it. {@code misuse}: main opens a
 * connection through that driver and thread "odd-user" uses it. {@code correct}: main uses and
 * closes it. Either way the program prints the same lines with or without connguard.
 */
public final class LoaderThatThrowsForUnknownNames {
    public static void main(String[] args) throws Exception {
        boolean misuse = Arrays.asList(args).contains("misuse");
        ScenarioDb db = ScenarioDb.fromArgs(args, "odd").createItems(3);
        URL[] jar = {DriverInIsolatedClassLoaders.sqliteJar().toUri().toURL()};
        try (ThrowingLoader odd = new ThrowingLoader(jar, LoaderThatThrowsForUnknownNames.class.getClassLoader())) {
            Connection proxy = (Connection) Proxy.newProxyInstance(odd, new Class<?>[] {Connection.class},
                (p, method, a) -> method.getName().equals("isClosed") ? Boolean.TRUE : null);
            System.out.println("closed: " + proxy.isClosed());

            Connection c = DriverInIsolatedClassLoaders.driver("odd", odd).connect(db.url, new Properties());
            Threads.Body count = () -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db.table)) {
                    rs.next();
                    System.out.println("rows: " + rs.getInt(1));
                }
            };
            if (misuse) Threads.run("odd-user", count);
            else count.run();
            c.close();
        }
        db.cleanUp();
        System.out.println("done");
    }
}
