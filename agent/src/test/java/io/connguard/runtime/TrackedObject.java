package io.connguard.runtime;

/**
 * An object as the agent leaves a JDBC class it instrumented: a field for its resource, nothing
 * else. Stands for a connection or a statement in runtime tests, which drive {@link Guard} as the
 * hooks would; there is no JDBC behind it.
 */
final class TrackedObject implements Tracked {
    /** The driver whose {@code connect} returns the connections: the hook always passes the opener. */
    private static final Object DRIVER = new Object();

    private Object resource;

    @Override
    public Object connguard$resource() {
        return resource;
    }

    @Override
    public void connguard$resource(Object resource) {
        this.resource = resource;
    }

    Resource resource() {
        return (Resource) resource;
    }

    /** {@code DriverManager.getConnection(url)} as the hook sees it, on the calling thread: a connection it owns. */
    static TrackedObject openConnection(String url) {
        TrackedObject connection = new TrackedObject();
        Guard.exitOpen(connection, Guard.enterOpen(), DRIVER, url);
        return connection;
    }

    /** {@code connection.prepareStatement(sql)} on the calling thread. */
    TrackedObject prepareStatement(String sql) {
        TrackedObject statement = new TrackedObject();
        Guard.exitFactory(statement, Guard.enterSql(this, "prepareStatement", sql), this, "prepareStatement", sql);
        return statement;
    }

    /** Any call of the connection's on the calling thread, {@code getAutoCommit()} say. */
    void use() {
        Guard.exit(Guard.enter(this, "getAutoCommit"));
    }

    void close() {
        Guard.exitClose(Guard.enterClose(this, "close"), this);
    }
}
