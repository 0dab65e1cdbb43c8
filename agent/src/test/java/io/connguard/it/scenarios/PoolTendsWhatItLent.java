package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;

import com.example.selftendingpool.SelfTendingPool;

/**
 * A pool connguard does not know, named with {@code pools=} ({@link SelfTendingPool}), whose data
 * source checks the connection it lent after main handed it back: main borrows, closes (hands it
 * back), then asks the pool to validate its idle connection. With {@code misuse}, main also calls
 * the connection it handed back: a use after close.
 */
public final class PoolTendsWhatItLent {
    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "selftending");
        SelfTendingPool pool = new SelfTendingPool(db.url);
        Connection c = pool.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
        c.close();
        System.out.println("idle connection valid: " + pool.validateIdle());
        if (Arrays.asList(args).contains("misuse")) c.getAutoCommit();
        pool.close();
        db.cleanUp();
        System.out.println("done");
    }
}
