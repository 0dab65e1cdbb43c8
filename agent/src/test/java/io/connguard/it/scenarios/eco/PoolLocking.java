package io.connguard.it.scenarios.eco;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import javax.sql.DataSource;

import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple;
import com.example.datasource.WrappingDataSource;
import com.example.jta.OneThreadTransactionManager;
import com.zaxxer.hikari.HikariDataSource;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.narayana.NarayanaTransactionIntegration;
import io.connguard.it.scenarios.ScenarioDb;
import io.connguard.it.scenarios.Threads;
import org.apache.commons.dbcp2.managed.BasicManagedDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A thread borrowing twice from one pool (pool-locking), or not: {@code PoolLocking POOL nested|exhausted|correct},
 * POOL one of {@code hikari}, {@code dbcp2}, {@code c3p0}, {@code tomcat}, {@code agroal} (as
 * {@link Pools} configures them, over in-memory H2, with their own threads at work),
 * {@code spring}: HikariCP behind Spring's {@code TransactionTemplate}, or a JTA-aware pool inside
 * global transactions ({@link #jta}): {@code dbcp2-jta}, {@code agroal-jta}, {@code wrapped-dbcp2-jta}
 * (behind the application's own data source that wraps each connection, {@link WrappingDataSource}).
 *
 * <p>{@code nested}: main borrows a connection ({@link #unitOfWork}) and, still holding it, borrows
 * another from the same pool ({@link #audit}); with {@code spring}, a {@code PROPAGATION_REQUIRES_NEW}
 * transaction runs inside a {@code PROPAGATION_REQUIRED} one. Both connections are returned.
 *
 * <p>{@code exhausted} ({@code hikari}): the same with a pool of one connection, whose second
 * borrow waits for it until the pool's timeout and throws, as pool-locking ends.
 *
 * <p>{@code correct}: main holds a connection of the pool and borrows one from a second pool; then
 * borrows, returns and borrows again from the first; with {@code spring}, a {@code PROPAGATION_REQUIRED}
 * transaction inside another joins it. Threads "app-1" and "app-2" each borrow one connection at a time.
 */
public final class PoolLocking {
    public static void main(String[] args) throws Exception {
        String pool = args[0];
        boolean nested = args[1].equals("nested");
        ScenarioDb db = ScenarioDb.fromArgs(new String[] {"jdbc:h2:mem:locking;DB_CLOSE_DELAY=-1"}, "locking").createItems(5);
        String sql = "SELECT name FROM " + db.table + " WHERE id = ?";
        if (pool.endsWith("jta")) {
            String[] parts = pool.split("-");
            jta(parts[parts.length - 2], db.url, sql, nested, parts[0].equals("wrapped"));
            System.out.println("done");
            return;
        }
        if (args[1].equals("exhausted")) {
            HikariDataSource one = new HikariDataSource();
            one.setJdbcUrl(db.url);
            one.setMaximumPoolSize(1);
            one.setConnectionTimeout(250); // HikariCP's least
            unitOfWork(one, sql, () -> {
                try {
                    audit(one, sql);
                } catch (java.sql.SQLTransientConnectionException timedOut) {
                    System.out.println("audit: timed out");
                }
            });
            one.close();
            System.out.println("done");
            return;
        }
        DataSource ds = Pools.create(pool.equals("spring") ? "hikari" : pool, db.url, 3, false);
        if (pool.equals("spring")) {
            spring(ds, sql, nested);
        } else if (nested) {
            unitOfWork(ds, sql, () -> audit(ds, sql));
        } else {
            DataSource other = Pools.create(pool, db.url, 2, false);
            unitOfWork(ds, sql, () -> audit(other, sql));
            System.out.println("again: " + name(ds, sql, 2));
            System.out.println("again: " + name(ds, sql, 3));
            Pools.close(other);
        }
        for (int t = 1; t <= 2; t++) {
            int id = t;
            Threads.run("app-" + t, () -> System.out.println("app-" + id + ": " + name(ds, sql, id)));
        }
        if (ds instanceof HikariDataSource) ((HikariDataSource) ds).close();
        else Pools.close(ds);
        System.out.println("done");
    }

    /** Holds a connection of {@code work} while the audit runs. */
    static void unitOfWork(DataSource work, String sql, Threads.Body audit) throws Exception {
        try (Connection c = work.getConnection()) {
            System.out.println("work: " + read(c, sql, 1));
            audit.run();
        }
    }

    static void audit(DataSource ds, String sql) throws Exception {
        System.out.println("audit: " + name(ds, sql, 4));
    }

    static String name(DataSource ds, String sql, int id) throws Exception {
        try (Connection c = ds.getConnection()) {
            return read(c, sql, id);
        }
    }

    static String read(Connection c, String sql, int id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * A JTA-aware pool over H2, borrowed inside global transactions: {@code dbcp2} is DBCP2's
     * {@code BasicManagedDataSource} over H2's XA data source with a one-thread transaction manager
     * of the test's; {@code agroal} is Agroal with Narayana, the transaction manager it is used with.
     * {@code correct}: the audit borrows in the same transaction, and the pool hands it the
     * connection it enlisted there (no second connection of the pool is taken: nothing can lock);
     * then again in a second transaction, before the held connection is first used; then three
     * borrows in a third, used in the reverse order. {@code nested}: the audit runs in a
     * transaction of its own with the first suspended, as {@code REQUIRES_NEW} does, and takes a
     * second connection. {@code wrapped}: behind the application's own data source that wraps
     * each connection.
     */
    static void jta(String pool, String url, String sql, boolean nested, boolean wrapped) throws Exception {
        GlobalTransactions tm;
        DataSource managed;
        AutoCloseable closer;
        if (pool.equals("agroal")) {
            jakarta.transaction.TransactionManager narayana = com.arjuna.ats.jta.TransactionManager.transactionManager();
            AgroalDataSource agroal = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(p -> p.maxSize(3)
                    .transactionIntegration(new NarayanaTransactionIntegration(narayana, new TransactionSynchronizationRegistryImple()))
                    .connectionFactoryConfiguration(f -> f.jdbcUrl(url))));
            tm = GlobalTransactions.of(narayana);
            managed = agroal;
            closer = agroal;
        } else {
            OneThreadTransactionManager one = new OneThreadTransactionManager();
            org.h2.jdbcx.JdbcDataSource xa = new org.h2.jdbcx.JdbcDataSource();
            xa.setURL(url);
            BasicManagedDataSource dbcp = new BasicManagedDataSource();
            dbcp.setTransactionManager(one);
            dbcp.setXaDataSourceInstance(xa);
            dbcp.setMaxTotal(3);
            tm = GlobalTransactions.of(one);
            managed = dbcp;
            closer = dbcp;
        }
        DataSource ds = wrapped ? new WrappingDataSource(managed) : managed;
        tm.begin();
        unitOfWork(ds, sql, () -> {
            if (!nested) {
                audit(ds, sql);
                return;
            }
            Object first = tm.suspend();
            tm.begin();
            audit(ds, sql);
            tm.commit();
            tm.resume(first);
        });
        tm.commit();
        if (!nested) {
            tm.begin();
            try (Connection c = ds.getConnection()) {
                audit(ds, sql); // before the held connection's first call
                System.out.println("after the audit: " + read(c, sql, 5));
            }
            tm.commit();
            tm.begin();
            try (Connection a = ds.getConnection(); Connection b = ds.getConnection(); Connection c = ds.getConnection()) {
                System.out.println("three: " + read(c, sql, 3) + ", " + read(b, sql, 2) + ", " + read(a, sql, 1));
            }
            tm.commit();
        }
        closer.close();
    }

    /** What {@link #jta} asks of a transaction manager, whether it speaks {@code javax.transaction} or {@code jakarta.transaction}. */
    interface GlobalTransactions {
        void begin() throws Exception;

        void commit() throws Exception;

        Object suspend() throws Exception;

        void resume(Object suspended) throws Exception;

        static GlobalTransactions of(javax.transaction.TransactionManager tm) {
            return new GlobalTransactions() {
                @Override public void begin() throws Exception { tm.begin(); }
                @Override public void commit() throws Exception { tm.commit(); }
                @Override public Object suspend() throws Exception { return tm.suspend(); }
                @Override public void resume(Object suspended) throws Exception { tm.resume((javax.transaction.Transaction) suspended); }
            };
        }

        static GlobalTransactions of(jakarta.transaction.TransactionManager tm) {
            return new GlobalTransactions() {
                @Override public void begin() throws Exception { tm.begin(); }
                @Override public void commit() throws Exception { tm.commit(); }
                @Override public Object suspend() throws Exception { return tm.suspend(); }
                @Override public void resume(Object suspended) throws Exception { tm.resume((jakarta.transaction.Transaction) suspended); }
            };
        }
    }

    static void spring(DataSource ds, String sql, boolean nested) {
        DataSourceTransactionManager manager = new DataSourceTransactionManager(ds);
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        TransactionTemplate outer = new TransactionTemplate(manager);
        TransactionTemplate inner = new TransactionTemplate(manager);
        inner.setPropagationBehavior(nested ? TransactionDefinition.PROPAGATION_REQUIRES_NEW : TransactionDefinition.PROPAGATION_REQUIRED);
        outer.executeWithoutResult(o -> {
            System.out.println("outer: " + jdbc.queryForObject(sql, String.class, 1));
            inner.executeWithoutResult(i -> System.out.println("inner: " + jdbc.queryForObject(sql, String.class, 2)));
        });
    }
}
