package io.connguard.it.scenarios.eco;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.connguard.it.scenarios.ScenarioDb;

/**
 * Plain JDBC (DriverManager, an in-memory H2 database) inside executors and {@code CompletableFuture}s:
 * {@code PlainJdbcInTasks correct|misuse}.
 *
 * <p>{@code correct}: every task opens, uses and closes its own connection: 12
 * {@code supplyAsync} tasks on a fixed pool ("task-1".."task-3"), 4 on the common ForkJoinPool, a
 * {@code thenApplyAsync} chain whose stages each open their own, and {@code invokeAll} of callables;
 * {@code DatabaseMetaData} result sets ({@code getTables}, {@code getColumns}, {@code getPrimaryKeys})
 * read and closed on main and in a task. The executors are shut down at the end.
 *
 * <p>{@code misuse}: a stage on "stage1-1" opens a connection and returns it; the next stage, on
 * "stage2-1", queries on it and closes it.
 */
public final class PlainJdbcInTasks {
    public static void main(String[] args) throws Exception {
        boolean misuse = args[0].equals("misuse");
        ScenarioDb db = ScenarioDb.fromArgs(new String[] {"jdbc:h2:mem:tasks;DB_CLOSE_DELAY=-1"}, "tasks").createItems(20);
        String url = db.url;
        String t = db.table;

        if (misuse) {
            ExecutorService stage1 = Executors.newSingleThreadExecutor(named("stage1"));
            ExecutorService stage2 = Executors.newSingleThreadExecutor(named("stage2"));
            int count = CompletableFuture.supplyAsync(() -> {
                try {
                    return DriverManager.getConnection(url);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, stage1).thenApplyAsync(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t)) {
                    rs.next();
                    return rs.getInt(1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    closeQuietly(c);
                }
            }, stage2).join();
            System.out.println("counted by stage 2: " + count);
            stage1.shutdown();
            stage2.shutdown();
            System.out.println("done");
            return;
        }

        ExecutorService tasks = Executors.newFixedThreadPool(3, named("task"));
        List<CompletableFuture<String>> names = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            int id = i;
            names.add(CompletableFuture.supplyAsync(() -> nameOf(url, t, id), tasks));
        }
        for (int i = 13; i <= 16; i++) {
            int id = i;
            names.add(CompletableFuture.supplyAsync(() -> nameOf(url, t, id))); // the common ForkJoinPool
        }
        System.out.println("names: " + names.stream().map(CompletableFuture::join).collect(Collectors.toList()));

        String chained = CompletableFuture.supplyAsync(() -> nameOf(url, t, 17), tasks)
                .thenApplyAsync(n -> n + " / " + nameOf(url, t, 18), tasks)
                .thenApplyAsync(n -> n + " / " + nameOf(url, t, 19))
                .join();
        System.out.println("chained: " + chained);

        List<Callable<Integer>> counts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int min = i;
            counts.add(() -> {
                try (Connection c = DriverManager.getConnection(url);
                     PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + t + " WHERE id > ?")) {
                    ps.setInt(1, min);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
        }
        List<Integer> results = new ArrayList<>();
        for (Future<Integer> f : tasks.invokeAll(counts)) results.add(f.get());
        System.out.println("invokeAll: " + results);

        System.out.println("metadata on main: " + metadata(url, t));
        System.out.println("metadata in a task: " + tasks.submit(() -> metadata(url, t)).get());

        tasks.shutdown();
        tasks.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        System.out.println("done");
    }

    static String nameOf(String url, String table, int id) {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("SELECT name FROM " + table + " WHERE id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> metadata(String url, String table) throws Exception {
        List<String> out = new ArrayList<>();
        String name = table.toUpperCase();
        try (Connection c = DriverManager.getConnection(url)) {
            DatabaseMetaData md = c.getMetaData();
            try (ResultSet rs = md.getTables(null, null, name, new String[] {"TABLE"})) {
                while (rs.next()) out.add("table");
            }
            try (ResultSet rs = md.getColumns(null, null, name, "%")) {
                while (rs.next()) out.add("column " + rs.getString("COLUMN_NAME"));
            }
            try (ResultSet rs = md.getPrimaryKeys(null, null, name)) {
                while (rs.next()) out.add("key " + rs.getString("COLUMN_NAME"));
            }
        }
        return out;
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> new Thread(r, prefix + "-" + n.incrementAndGet());
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing to do
        }
    }
}
