package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;

import com.example.naivepool.NaivePool;

/**
 * A pool without proxies ({@link NaivePool}, run with {@code pools=com.example.naivepool}): its
 * filler thread opens two connections and ends, main borrows one of them as it is, queries,
 * releases it, and closes the pool. The borrowed connection becomes main's; the other one, never
 * borrowed, stays the pool's, whose thread has ended. With {@code misuse}, thread "naive-borrower"
 * also queries on main's borrowed connection.
 */
public final class NaivePoolHandsOutPhysicalConnections {
    public static void main(String[] args) throws Exception {
        boolean misuse = Arrays.asList(args).contains("misuse");
        ScenarioDb db = ScenarioDb.fromArgs(args, "naivepool").createItems(10);
        NaivePool pool = new NaivePool(db.url, 2);
        Threads.sleep(700); // past the grace for ended owners: the filler's connections are the pool's
        Connection c = pool.getConnection();
        System.out.println("main counts " + count(c, db.table));
        if (misuse) Threads.run("naive-borrower", () -> System.out.println("borrower counts " + count(c, db.table)));
        pool.release(c);
        Threads.sleep(300);
        pool.close();
        db.cleanUp();
        System.out.println("done");
    }

    static int count(Connection c, String table) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
