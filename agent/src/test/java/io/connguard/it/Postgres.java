package io.connguard.it;

/** The local PostgreSQL server at 127.0.0.1:5432 (database test, user postgres, trust authentication); see {@link LocalServer}. */
final class Postgres {
    /** {@code -Dconnguard.it.postgres.url=...} points the tests at another server. */
    static final String URL = System.getProperty("connguard.it.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&sslmode=disable");
    private static final LocalServer SERVER = new LocalServer("PostgreSQL", URL, "&connectTimeout=3",
            " (start it: pg_ctlcluster --skip-systemctl-redirect VERSION main start)");

    private Postgres() {}

    static void assumeReachable() {
        SERVER.assumeReachable();
    }
}
