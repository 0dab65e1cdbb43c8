package io.connguard.it.scenarios.eco;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import io.connguard.it.scenarios.Threads;
import org.mariadb.jdbc.MariaDbPoolDataSource;

/**
 * MariaDB Connector/J's own pool, which lends the driver's physical connection itself (its
 * {@code close()} gives it back to the pool, whose listener puts it in the idle queue inside that
 * close): {@code MariaDbPool URL SOURCE correct|misuse}, URL a {@code jdbc:mariadb:} URL of the
 * server (no pool options), SOURCE {@code datasource} ({@code MariaDbPoolDataSource}) or
 * {@code drivermanager} ({@code DriverManager.getConnection} of the URL with {@code pool=true}).
 * The pool keeps one connection at least and grows to four; a connection idle for two seconds
 * beyond the first is closed by the pool's checker thread ({@code MariaDbPool-maxTimeoutIdle-checker}),
 * which runs every second. No table is made.
 *
 * <p>{@code correct}: four threads ("app-1".."app-4") borrow, query and return, ten rounds, with
 * try-with-resources; in each round all four hold a connection at once (the pool grows to four),
 * and a thread quick to borrow again may be lent a connection another thread is still returning,
 * inside its {@code close()}. (They wait for each other, never for a connection: with more
 * borrowers than connections, or borrowers quick to return, Connector/J 3.5.11's pool soon lends
 * none any more and every borrow times out, with or without the agent.) Then main borrows and
 * returns one, and waits until the checker closed the idle ones beyond the one to keep.
 *
 * <p>{@code misuse}: main borrows a connection ({@link #handedOn}) that thread "worker" queries,
 * then returns it; main borrows one ({@link #unitOfWork}) and, holding it, another
 * ({@link #audit}); both are returned; thread "leaker" borrows one ({@link #leaked}) it never
 * returns and ends.
 */
public final class MariaDbPool {
    static final String SQL = "SELECT CONNECTION_ID() + ? * 0";

    interface Source {
        Connection borrow() throws SQLException;
    }

    public static void main(String[] args) throws Exception {
        String url = args[0] + (args[0].contains("?") ? "&" : "?")
                + "minPoolSize=1&maxPoolSize=4&maxIdleTime=2&testMinRemovalDelay=1&poolName=mdb-" + args[1];
        Source source;
        MariaDbPoolDataSource ds = null;
        if (args[1].equals("datasource")) {
            MariaDbPoolDataSource pool = new MariaDbPoolDataSource(url);
            ds = pool;
            source = pool::getConnection;
        } else {
            String pooled = url + "&pool=true";
            source = () -> DriverManager.getConnection(pooled);
        }
        if (args[2].equals("misuse")) {
            misuse(source);
            System.out.println("done");
            return;
        }
        Set<Long> sessions = java.util.Collections.synchronizedSet(new HashSet<>());
        CyclicBarrier allHold = new CyclicBarrier(4);
        List<Threads.Named> app = new ArrayList<>();
        for (int t = 1; t <= 4; t++) {
            app.add(Threads.start("app-" + t, () -> {
                for (int round = 0; round < 10; round++) {
                    try (Connection c = source.borrow(); PreparedStatement ps = c.prepareStatement(SQL)) {
                        ps.setInt(1, round);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            sessions.add(rs.getLong(1));
                        }
                        allHold.await(20, TimeUnit.SECONDS);
                    }
                }
            }));
        }
        for (Threads.Named t : app) t.join();
        System.out.println("the pool lent several connections: " + (sessions.size() > 1));
        try (Connection c = source.borrow(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setInt(1, 0);
            try (ResultSet rs = ps.executeQuery()) {
                System.out.println("main: " + rs.next());
            }
        }
        // the checker closes what idled two seconds beyond the one to keep
        Set<Long> open = new HashSet<>(sessions);
        Threads.await("the pool's checker to close its idle connections", 60, () -> openSessions(args[0], open) <= 1);
        System.out.println("the pool closed idle connections: true");
        if (ds != null) ds.close();
        System.out.println("done");
    }

    /** How many of {@code ids} are still sessions of the server, asked on a connection of its own, outside the pool. */
    static int openSessions(String url, Set<Long> ids) throws SQLException {
        int n = 0;
        try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?")) {
            for (long id : ids) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    n += rs.getInt(1);
                }
            }
        }
        return n;
    }

    static void misuse(Source source) throws Exception {
        handedOn(source);
        unitOfWork(source);
        Threads.run("leaker", () -> leaked(source));
    }

    static void handedOn(Source source) throws Exception {
        try (Connection c = source.borrow()) {
            Threads.run("worker", () -> query(c, "worker"));
        }
    }

    static void unitOfWork(Source source) throws Exception {
        try (Connection c = source.borrow()) {
            query(c, "unit of work");
            audit(source);
        }
    }

    static void audit(Source source) throws Exception {
        try (Connection c = source.borrow()) {
            query(c, "audit");
        }
    }

    static void leaked(Source source) throws Exception {
        Connection c = source.borrow();
        query(c, "leaker");
    }

    static void query(Connection c, String who) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                System.out.println(who + ": " + rs.next());
            }
        }
    }
}
