package io.connguard.it.scenarios;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.IMetricsTracker;

/**
 * HikariCP used correctly by four threads ("app-1".."app-4": borrow, query, return with
 * try-with-resources) while the pool's own threads do their work: minimumIdle makes the "connection
 * adder" open physical connections, a short maxLifetime and idleTimeout (set at run time, where Hikari
 * allows values below its start-up minimums) make the housekeeper and the "connection closer" retire
 * them during the run. The pool is closed from a shutdown hook. Prints how many physical connections
 * the pool opened, to prove it really did retire and replace them.
 */
public final class HikariUsedCorrectlyByFourThreads {
    public static void main(String[] args) throws Exception {
        System.setProperty("com.zaxxer.hikari.housekeeping.periodMs", "200");
        ScenarioDb db = ScenarioDb.fromArgs(args, "hikarigood").createItems(20);

        AtomicInteger physicalOpened = new AtomicInteger();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(2);
        config.setMetricsTrackerFactory((pool, stats) -> new IMetricsTracker() {
            @Override
            public void recordConnectionCreatedMillis(long millis) {
                physicalOpened.incrementAndGet();
            }
        });
        HikariDataSource pool = new HikariDataSource(config);
        Runtime.getRuntime().addShutdownHook(new Thread(pool::close, "pool-closer"));
        HikariConfigMXBean live = pool.getHikariConfigMXBean();
        live.setMaxLifetime(600);
        live.setIdleTimeout(300);
        pool.getHikariPoolMXBean().softEvictConnections(); // replace the start-up connections with short-lived ones

        long until = System.nanoTime() + 1_800_000_000L;
        List<Threads.Named> app = new ArrayList<>();
        for (int t = 1; t <= 4; t++) {
            int offset = t;
            app.add(Threads.start("app-" + t, () -> {
                int i = 0;
                while (System.nanoTime() < until) {
                    try (Connection c = pool.getConnection();
                         PreparedStatement ps = c.prepareStatement("SELECT name FROM " + db.table + " WHERE id = ?")) {
                        ps.setInt(1, 1 + (offset + i++) % 20);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                        }
                    }
                    Thread.sleep(offset * 15L);
                }
            }));
        }
        for (Threads.Named t : app) t.join();
        Threads.sleep(700); // idle: the housekeeper retires connections beyond minimumIdle

        System.out.println("physical connections opened by the pool: " + physicalOpened.get());
        if (db.isMysql()) db.cleanUp();
        System.out.println("done");
    }
}
