package io.connguard.it.scenarios;

import com.example.loaders.SelfContainedLoader;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;

/**
 * The SQLite driver loaded three times more, as containers and plugin systems do: through an isolated
 * URLClassLoader whose parent is the platform loader; through a child-first loader (parent: the
 * application loader, which has its own copy); and through a self-contained loader that asks its
 * parent for the JDK's classes only, like an OSGi bundle loader without boot delegation (so it never
 * passes connguard's runtime on to any other loader). {@code misuse}: main opens a connection from
 * each and thread "isolated-user" / "child-first-user" / "self-contained-user" uses it.
 * {@code correct}: main uses and closes them. A LinkageError anywhere ends the scenario with status 2.
 */
public final class DriverInIsolatedClassLoaders {
    public static void main(String[] args) throws Exception {
        boolean misuse = Arrays.asList(args).contains("misuse");
        ScenarioDb db = ScenarioDb.fromArgs(args, "loaders").createItems(10);
        URL[] jar = {sqliteJar().toUri().toURL()};
        try {
            try (URLClassLoader isolated = new URLClassLoader(jar, ClassLoader.getPlatformClassLoader());
                 URLClassLoader childFirst = new ChildFirstLoader(jar, DriverInIsolatedClassLoaders.class.getClassLoader());
                 URLClassLoader selfContained = new SelfContainedLoader(jar, DriverInIsolatedClassLoaders.class.getClassLoader())) {
                // two copies of the same code on purpose: each misuse is its own site (dedup keys on the first frame)
                Connection fromIsolated = driver("isolated", isolated).connect(db.url, new Properties());
                Threads.Body isolatedQuery = () -> {
                    try (Statement s = fromIsolated.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db.table)) {
                        rs.next();
                    }
                };
                if (misuse) Threads.run("isolated-user", isolatedQuery);
                else isolatedQuery.run();
                fromIsolated.close();
                System.out.println("isolated: " + fromIsolated.getClass().getName() + " from " + fromIsolated.getClass().getClassLoader());

                Connection fromChildFirst = driver("child-first", childFirst).connect(db.url, new Properties());
                Threads.Body childFirstQuery = () -> {
                    try (Statement s = fromChildFirst.createStatement(); ResultSet rs = s.executeQuery("SELECT max(id) FROM " + db.table)) {
                        rs.next();
                    }
                };
                if (misuse) Threads.run("child-first-user", childFirstQuery);
                else childFirstQuery.run();
                fromChildFirst.close();
                System.out.println("child-first: " + fromChildFirst.getClass().getName() + " from " + fromChildFirst.getClass().getClassLoader());

                Connection fromSelfContained = driver("self-contained", selfContained).connect(db.url, new Properties());
                Threads.Body selfContainedQuery = () -> {
                    try (Statement s = fromSelfContained.createStatement(); ResultSet rs = s.executeQuery("SELECT min(id) FROM " + db.table)) {
                        rs.next();
                    }
                };
                if (misuse) Threads.run("self-contained-user", selfContainedQuery);
                else selfContainedQuery.run();
                fromSelfContained.close();
                System.out.println("self-contained: " + fromSelfContained.getClass().getName() + " from " + fromSelfContained.getClass().getClassLoader());
            }
        } catch (LinkageError e) {
            e.printStackTrace(System.out);
            System.exit(2);
        }
        db.cleanUp();
        System.out.println("done");
    }

    static Driver driver(String name, ClassLoader loader) throws Exception {
        Driver driver = (Driver) Class.forName("org.sqlite.JDBC", true, loader).getDeclaredConstructor().newInstance();
        if (driver.getClass().getClassLoader() != loader) throw new IllegalStateException(name + ": driver not from its own loader");
        return driver;
    }

    static Path sqliteJar() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> Path.of(p).getFileName().toString().startsWith("sqlite-jdbc"))
                .map(Path::of).findFirst()
                .orElseThrow(() -> new IllegalStateException("no sqlite-jdbc jar on the class path"));
    }

    /** Loads what it can itself before asking its parent, like a web-app class loader. */
    static final class ChildFirstLoader extends URLClassLoader {
        ChildFirstLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && !name.startsWith("java.") && !name.startsWith("javax.") && !name.startsWith("jdk.")
                        && !name.startsWith("sun.")) {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException notMine) {
                        // the parent's, then
                    }
                }
                if (c == null) c = super.loadClass(name, false);
                if (resolve) resolveClass(c);
                return c;
            }
        }
    }
}
