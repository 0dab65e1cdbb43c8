package io.connguard.it.scenarios.eco;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.connguard.it.scenarios.ScenarioDb;
import io.connguard.it.scenarios.Threads;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring's JDBC support over HikariCP (what a Spring Boot application gets), on an in-memory H2
 * database: {@code SpringJdbc correct|misuse|aware-left-open}.
 *
 * <p>{@code correct}: three request threads ("web-1".."web-3") query and update through one
 * {@code JdbcTemplate}; {@code TransactionTemplate} with a {@code DataSourceTransactionManager}
 * binds a connection to the thread, and inside the transaction {@code JdbcTemplate} and
 * {@code DataSourceUtils.getConnection} use that same connection (committed on main, rolled back on
 * main, and a transaction of its own on "tx-worker"); a {@code JdbcTemplate} over a
 * {@code TransactionAwareDataSourceProxy} writes in a transaction that commits and one that rolls
 * back, each closing the proxy's connection before the end; {@code DatabaseMetaData} is read through
 * {@code JdbcUtils.extractDatabaseMetaData}, its result sets closed. Prints deterministic results.
 *
 * <p>{@code misuse}: inside a transaction on main, the transaction's connection (from
 * {@code DataSourceUtils.getConnection}) is handed to thread "tx-helper", which prepares an update on
 * it; then a connection from {@code DataSourceUtils.getConnection} outside any transaction is never
 * released.
 *
 * <p>{@code aware-left-open}: outside any transaction, a connection of a
 * {@code TransactionAwareDataSourceProxy} switches auto-commit off, updates, and is closed.
 */
public final class SpringJdbc {
    static Connection neverReleased;

    public static void main(String[] args) throws Exception {
        boolean misuse = args[0].equals("misuse");
        ScenarioDb db = ScenarioDb.fromArgs(new String[] {"jdbc:h2:mem:spring;DB_CLOSE_DELAY=-1"}, "spring").createItems(30);
        String t = db.table;

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url);
        config.setMaximumPoolSize(3);
        HikariDataSource ds = new HikariDataSource(config);
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));

        if (args[0].equals("aware-left-open")) {
            try (Connection c = new TransactionAwareDataSourceProxy(ds).getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false); // no Spring transaction: the close hands the connection back to the pool
                s.executeUpdate("UPDATE " + t + " SET name = 'lost' WHERE id = 8");
            }
            System.out.println("after the close: " + jdbc.queryForObject("SELECT name FROM " + t + " WHERE id = 8", String.class));
            ds.close();
            System.out.println("done");
            return;
        }
        if (misuse) {
            tx.executeWithoutResult(status -> {
                Connection bound = DataSourceUtils.getConnection(ds);
                try {
                    Threads.run("tx-helper", () -> {
                        try (PreparedStatement ps = bound.prepareStatement("UPDATE " + t + " SET name = ? WHERE id = ?")) {
                            ps.setString(1, "helper");
                            ps.setInt(2, 1);
                            ps.executeUpdate();
                        }
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            neverReleased = DataSourceUtils.getConnection(ds);
            try (Statement s = neverReleased.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t)) {
                rs.next();
            }
            System.out.println("done");
            return;
        }

        List<Threads.Named> web = new ArrayList<>();
        for (int w = 1; w <= 3; w++) {
            int me = w;
            web.add(Threads.start("web-" + w, () -> {
                for (int i = 0; i < 10; i++) {
                    int id = me * 10 - i; // each thread its own ten rows
                    String name = jdbc.queryForObject("SELECT name FROM " + t + " WHERE id = ?", String.class, id);
                    jdbc.update("UPDATE " + t + " SET name = ? WHERE id = ?", name + "!", id);
                }
                List<String> mine = jdbc.query("SELECT name FROM " + t + " WHERE id BETWEEN ? AND ? ORDER BY id",
                        (rs, n) -> rs.getString(1), me * 10 - 9, me * 10);
                if (mine.size() != 10 || !mine.stream().allMatch(n -> n.endsWith("!"))) throw new IllegalStateException("web-" + me + ": " + mine);
            }));
        }
        for (Threads.Named w : web) w.join();
        System.out.println("updated by the web threads: "
                + jdbc.queryForObject("SELECT count(*) FROM " + t + " WHERE name LIKE '%!'", Integer.class));

        Integer inTx = tx.execute(status -> {
            jdbc.update("UPDATE " + t + " SET name = 'tx' WHERE id = 1");
            Connection bound = DataSourceUtils.getConnection(ds); // the transaction's connection
            try (PreparedStatement ps = bound.prepareStatement("SELECT count(*) FROM " + t + " WHERE name = 'tx'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            } finally {
                DataSourceUtils.releaseConnection(bound, ds);
            }
        });
        System.out.println("rows seen inside the transaction: " + inTx);

        tx.executeWithoutResult(status -> {
            jdbc.update("UPDATE " + t + " SET name = 'rolled back' WHERE id = 2");
            status.setRollbackOnly();
        });
        System.out.println("after the rollback: " + jdbc.queryForObject("SELECT name FROM " + t + " WHERE id = 2", String.class));

        // how jOOQ and code written against a plain DataSource take part in Spring's transactions
        JdbcTemplate aware = new JdbcTemplate(new TransactionAwareDataSourceProxy(ds));
        tx.executeWithoutResult(status -> aware.update("UPDATE " + t + " SET name = 'aware' WHERE id = 6"));
        tx.executeWithoutResult(status -> {
            aware.update("UPDATE " + t + " SET name = 'aware, rolled back' WHERE id = 7");
            status.setRollbackOnly();
        });
        System.out.println("through the transaction-aware proxy: "
                + jdbc.queryForList("SELECT name FROM " + t + " WHERE id BETWEEN 6 AND 7 ORDER BY id", String.class));

        Threads.run("tx-worker", () -> tx.executeWithoutResult(status -> {
            jdbc.update("UPDATE " + t + " SET name = 'worker' WHERE id = 3");
            jdbc.batchUpdate("UPDATE " + t + " SET name = ? WHERE id = ?",
                    List.of(new Object[] {"batch", 4}, new Object[] {"batch", 5}));
        }));
        System.out.println("committed by tx-worker: "
                + jdbc.queryForList("SELECT name FROM " + t + " WHERE id BETWEEN 3 AND 5 ORDER BY id", String.class));

        List<String> columns = JdbcUtils.extractDatabaseMetaData(ds, md -> {
            List<String> names = new ArrayList<>();
            try (ResultSet tables = md.getTables(null, null, t.toUpperCase(), new String[] {"TABLE"})) {
                while (tables.next()) names.add("table " + tables.getString("TABLE_NAME").replace(t.toUpperCase(), "ITEMS"));
            }
            try (ResultSet cols = md.getColumns(null, null, t.toUpperCase(), "%")) {
                while (cols.next()) names.add("column " + cols.getString("COLUMN_NAME"));
            }
            return names;
        });
        System.out.println("metadata: " + columns);

        ds.close();
        System.out.println("done");
    }
}
