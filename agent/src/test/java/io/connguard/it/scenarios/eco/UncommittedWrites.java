package io.connguard.it.scenarios.eco;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple;
import com.example.jta.EnlistingDataSource;
import com.example.jta.OneResourceTransaction;
import com.zaxxer.hikari.HikariDataSource;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.narayana.NarayanaTransactionIntegration;
import io.connguard.it.scenarios.ScenarioDb;

/**
 * Transactions ended, or left open: {@code UncommittedWrites SOURCE URL MODE}, MODE one of
 * {@code left-open|correct|ddl|returning|row-change|pool-default|abort|global|global-late|}
 * {@code global-pool|sql-autocommit|sql-autocommit-restored|sql-autocommit-borrows|}
 * {@code api-autocommit-borrows|opened-manual},
 * SOURCE {@code plain} ({@code DriverManager}) or a pool of {@link Pools#create}; URL a {@code jdbc:} URL, or
 * {@code sqlite} for a new SQLite file.
 *
 * <p>{@code left-open}: after {@code setAutoCommit(false)}, {@link #forgetsToCommit} inserts a row,
 * reads, and closes the connection without commit or rollback. At the end a connection of its own,
 * outside any pool, counts the committed rows (what the driver or pool made of the open transaction).
 *
 * <p>{@code ddl}: after {@code setAutoCommit(false)}, {@link #writesThenDdl} inserts a row, creates and
 * drops a table, and closes the connection without commit or rollback: MySQL, MariaDB and H2
 * commit at the DDL, PostgreSQL and SQLite keep all three in the transaction.
 *
 * <p>{@code returning}: after {@code setAutoCommit(false)}, {@link #insertReturningWithoutCommit}
 * runs an {@code INSERT ... RETURNING} as a query and closes the connection without commit.
 *
 * <p>{@code pool-default}: for a pool that keeps its connections in {@code autoCommit=false}, with no
 * {@code setAutoCommit} call: a write and commit; a write without ({@link #leavesThePoolsTransactionOpen});
 * reads only.
 *
 * <p>{@code api-autocommit-borrows}: a borrow switches auto-commit off, inserts and commits; the
 * next (the same connection: the pool lends the one returned last first) inserts through a plain
 * statement, with no {@code setAutoCommit} call.
 *
 * <p>{@code opened-manual} (H2): connections open with auto-commit off, by the driver's option in
 * the URL, which no call shows; each asks {@code getAutoCommit()}. One inserts and closes, one
 * inserts and commits, one switches auto-commit on and inserts.
 *
 * <p>{@code sql-autocommit-restored} (MySQL, MariaDB): SQL turns auto-commit off, saving the mode in
 * a variable, inserts and commits, restores the mode from the variable, and inserts.
 *
 * <p>{@code sql-autocommit-borrows}: for a pool that keeps its connections in {@code autoCommit=false},
 * with no {@code setAutoCommit} call: a borrow turns the session's auto-commit on by SQL and inserts,
 * the next borrow (the same connection: the pools lend the one returned last first) inserts, a
 * third turns it off by SQL and inserts, and a fourth inserts.
 *
 * <p>{@code global} (H2): a connection enlisted in a global transaction (JTA), asked its mode, written on, committed
 * by the transaction manager through its {@code XAResource}, and closed.
 *
 * <p>{@code global-pool} (H2): Agroal with Narayana, its connections opened with auto-commit off:
 * twice, a connection borrowed in a global transaction is asked its mode, written on and closed;
 * then the transaction manager commits.
 *
 * <p>{@code global-late} (H2): an XA connection's handle, taken before its branch starts, as a
 * lazy enlistment does; asked its mode, written on, committed by the transaction manager, closed.
 *
 * <p>{@code abort}: after {@code setAutoCommit(false)}, a write, then {@code abort}: the transaction given up on purpose.
 *
 * <p>{@code correct}: every way of ending one: commit; rollback; {@code setAutoCommit(true)}; reads
 * only under {@code autoCommit=false}; a write under {@code autoCommit=true}; a batch then commit; a batch, commit, and an empty batch;
 * generated keys read after the commit; SQL's own {@code COMMIT} (and {@code BEGIN}).
 */
public final class UncommittedWrites {
    public static void main(String[] args) throws Exception {
        String source = args[0];
        ScenarioDb db = ScenarioDb.fromArgs(new String[] {args[1]}, "uncommitted").createItems(3);
        String t = db.table;
        String openUrl = args[2].equals("opened-manual") ? inManualMode(db.url) : db.url;
        // the borrows of sql-autocommit-borrows must get the connection the last one left: a pool of one,
        // as a pool's evictor testing an idle connection lends another meanwhile
        int size = args[2].equals("sql-autocommit-borrows") ? 1 : 2;
        DataSource pool = source.equals("plain") ? null : Pools.create(source, openUrl, size, false);
        Opener open = () -> pool == null ? DriverManager.getConnection(openUrl) : pool.getConnection();

        if (args[2].equals("left-open")) {
            forgetsToCommit(open, t);
        } else if (args[2].equals("ddl")) {
            writesThenDdl(open, t);
        } else if (args[2].equals("returning")) {
            insertReturningWithoutCommit(open, t);
        } else if (args[2].equals("row-change")) {
            insertsARowWithoutCommit(open, t);
        } else if (args[2].equals("sql-autocommit")) {
            try (Connection c = open.connection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                insert(c, t, 28);
                s.execute("SET autocommit = 1"); // commits, and what comes after commits itself
                insert(c, t, 29);
            }
            try (Connection c = open.connection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("SET autocommit = 1");
                s.execute("SET autocommit = 0"); // a transaction again: the insert is left open
                insert(c, t, 30);
            }
            try (Connection c = open.connection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                try {
                    s.execute("SET autocommit = 1 garbage"); // refused: the session stays in its transaction
                } catch (SQLException refused) {
                    System.out.println("refused: " + refused.getClass().getSimpleName());
                }
                insert(c, t, 31);
            }
            try (Connection c = open.connection(); Statement s = c.createStatement()) { // in auto-commit, as opened
                s.execute("SET autocommit = 0"); // a transaction: the insert is left open
                insert(c, t, 35);
            }
            try (Connection c = open.connection(); Statement s = c.createStatement()) {
                s.execute("SET autocommit = 0");
                insert(c, t, 36);
                s.execute("COMMIT");
            }
        } else if (args[2].equals("opened-manual")) {
            try (Connection c = open.connection()) {
                System.out.println("auto-commit: " + c.getAutoCommit()); // asked, as a framework's transaction does
                insert(c, t, 42); // left open
            }
            try (Connection c = open.connection()) {
                System.out.println("auto-commit: " + c.getAutoCommit());
                insert(c, t, 43);
                c.commit();
            }
            try (Connection c = open.connection()) {
                if (!c.getAutoCommit()) c.setAutoCommit(true);
                insert(c, t, 44);
            }
        } else if (args[2].equals("api-autocommit-borrows")) {
            try (Connection c = open.connection()) {
                c.setAutoCommit(false);
                insert(c, t, 40);
                c.commit();
            }
            // still in autoCommit=false, unless the pool reset it; a plain statement, which no pool caches
            try (Connection c = open.connection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO " + t + " (id, name) VALUES (41, 'x')");
            }
        } else if (args[2].equals("sql-autocommit-restored")) {
            try (Connection c = open.connection(); Statement s = c.createStatement()) {
                s.execute("SET @saved = @@autocommit, autocommit = 0");
                insert(c, t, 38);
                s.execute("COMMIT");
                s.execute("SET autocommit = @saved"); // on again: what comes after commits itself
                insert(c, t, 39);
            }
        } else if (args[2].equals("sql-autocommit-borrows")) {
            try (Connection c = open.connection(); Statement s = c.createStatement()) {
                s.execute("SET autocommit = 1"); // commits, and what comes after commits itself
                insert(c, t, 32);
            }
            try (Connection c = open.connection()) { // the same connection again: what its pool makes of the session's mode
                insert(c, t, 33);
            }
            try (Connection c = open.connection(); Statement s = c.createStatement()) {
                s.execute("SET autocommit = 0"); // a transaction again: the insert is left open
                insert(c, t, 34);
            }
            try (Connection c = open.connection()) { // in the mode SQL left, unless the pool reset it
                insert(c, t, 37);
            }
        } else if (args[2].equals("global")) {
            OneResourceTransaction global = new OneResourceTransaction();
            org.h2.jdbcx.JdbcDataSource xa = new org.h2.jdbcx.JdbcDataSource();
            xa.setURL(db.url);
            try (Connection c = new EnlistingDataSource(xa, global).getConnection()) {
                System.out.println("auto-commit: " + c.getAutoCommit()); // off while enlisted: the transaction manager's to commit
                insert(c, t, 26);
                global.commit(); // by the transaction manager, as a container does when the method returns
            }
        } else if (args[2].equals("global-late")) {
            OneResourceTransaction global = new OneResourceTransaction();
            org.h2.jdbcx.JdbcDataSource xa = new org.h2.jdbcx.JdbcDataSource();
            xa.setURL(db.url);
            javax.sql.XAConnection physical = xa.getXAConnection();
            try (Connection c = physical.getConnection()) {
                global.enlistResource(physical.getXAResource()); // the branch starts after the handle was taken
                System.out.println("auto-commit: " + c.getAutoCommit());
                insert(c, t, 49);
                global.commit();
            }
            physical.close();
        } else if (args[2].equals("global-pool")) {
            jakarta.transaction.TransactionManager narayana = com.arjuna.ats.jta.TransactionManager.transactionManager();
            try (AgroalDataSource agroal = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(p -> p.maxSize(2)
                        .transactionIntegration(new NarayanaTransactionIntegration(narayana, new TransactionSynchronizationRegistryImple()))
                        .connectionFactoryConfiguration(f -> f.jdbcUrl(db.url).autoCommit(false))))) {
                for (int id = 47; id <= 48; id++) {
                    narayana.begin();
                    try (Connection c = agroal.getConnection()) {
                        System.out.println("auto-commit: " + c.getAutoCommit()); // off for the transaction manager
                        insert(c, t, id);
                    }
                    narayana.commit(); // as a container does when the method returns, after the close
                }
            }
        } else if (args[2].equals("abort")) {
            try (Connection c = open.connection()) {
                c.setAutoCommit(false);
                insert(c, t, 25);
                c.abort(Runnable::run); // gives the transaction up, on purpose
            }
        } else if (args[2].equals("pool-default")) {
            try (Connection c = open.connection()) {
                insert(c, t, 23);
                c.commit();
            }
            leavesThePoolsTransactionOpen(open, t);
            try (Connection c = open.connection()) {
                System.out.println("rows read: " + count(c, t));
            }
        } else {
            try (Connection c = open.connection()) {
                c.setAutoCommit(false);
                insert(c, t, 10);
                c.commit();
            }
            try (Connection c = open.connection()) {
                c.setAutoCommit(false);
                insert(c, t, 11);
                c.rollback();
            }
            try (Connection c = open.connection()) {
                c.setAutoCommit(false);
                insert(c, t, 12);
                c.setAutoCommit(true);
            }
            try (Connection c = open.connection()) {
                c.setAutoCommit(false);
                System.out.println("rows read: " + count(c, t));
            }
            try (Connection c = open.connection()) {
                insert(c, t, 13);
            }
            try (Connection c = open.connection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (id, name) VALUES (?, ?)")) {
                    for (int id = 14; id <= 15; id++) {
                        ps.setInt(1, id);
                        ps.setString(2, "batch");
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                c.setAutoCommit(true);
            }
            try (Connection c = open.connection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (id, name) VALUES (17, 'keys')",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.executeUpdate();
                    c.commit();
                    ps.getGeneratedKeys().close();
                }
            }
            try (Connection c = open.connection()) {
                c.setAutoCommit(false);
                insert(c, t, 16);
                try (Statement s = c.createStatement()) {
                    s.execute("COMMIT");
                    s.execute("BEGIN"); // a transaction again, as the driver left it
                }
            }
            try (Connection c = open.connection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (id, name) VALUES (18, 'batch')")) {
                    ps.addBatch();
                    ps.executeBatch();
                    c.commit();
                    ps.executeBatch(); // empty: runs nothing
                }
            }
        }
        try (Connection c = DriverManager.getConnection(db.url)) { // outside any pool: what was committed
            System.out.println("rows: " + count(c, t));
        }
        if (pool instanceof HikariDataSource) ((HikariDataSource) pool).close();
        else if (pool != null) Pools.close(pool);
        db.cleanUp();
        System.out.println("done");
    }

    /** The URL with H2's option for connections that open with auto-commit off. */
    static String inManualMode(String url) {
        if (url.startsWith("jdbc:h2:")) return url + ";AUTOCOMMIT=OFF";
        throw new IllegalArgumentException("no driver option to open in manual mode: " + url);
    }

    /** An early return that skips the commit. */
    static void forgetsToCommit(Opener open, String t) throws Exception {
        try (Connection c = open.connection()) {
            c.setAutoCommit(false);
            insert(c, t, 20);
            if (count(c, t) > 0) return;
            c.commit();
        }
    }

    /** A write, then DDL, and no commit. */
    static void writesThenDdl(Opener open, String t) throws Exception {
        try (Connection c = open.connection()) {
            c.setAutoCommit(false);
            insert(c, t, 21);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + t + "_ddl (id INT)");
                s.execute("DROP TABLE " + t + "_ddl");
            }
        }
    }

    /** A write whose SQL returns rows (PostgreSQL's and SQLite's {@code RETURNING}), run as a query, and no commit. */
    static void insertReturningWithoutCommit(Opener open, String t) throws Exception {
        try (Connection c = open.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (id, name) VALUES (22, 'secret-value') RETURNING id");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                System.out.println("inserted " + rs.getInt(1));
            }
        }
    }

    /** A row inserted through an updatable result set, whose query only reads, and no commit. */
    static void insertsARowWithoutCommit(Opener open, String t) throws Exception {
        try (Connection c = open.connection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE);
                 ResultSet rs = s.executeQuery("SELECT id, name FROM " + t)) {
                rs.moveToInsertRow();
                rs.updateInt(1, 27);
                rs.updateString(2, "row");
                rs.insertRow();
            }
        }
    }

    /** A write on a connection the pool keeps in {@code autoCommit=false}: the application never called {@code setAutoCommit}. */
    static void leavesThePoolsTransactionOpen(Opener open, String t) throws Exception {
        try (Connection c = open.connection()) {
            insert(c, t, 24);
        }
    }

    static void insert(Connection c, String t, int id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (id, name) VALUES (?, 'secret-value')")) {
            ps.setInt(1, id);
            ps.executeUpdate();
        }
    }

    static int count(Connection c, String t) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    interface Opener {
        Connection connection() throws Exception;
    }
}
