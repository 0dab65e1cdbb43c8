package com.example.wrapper;

/**
 * The base class of the application's wrappers: it implements {@link LentConnection} and its
 * {@code close()} gives the physical connection back, and its class file names no JDBC type
 * ({@code close()} does not throw {@code SQLException}), so connguard leaves it as it is; each
 * wrapper class below it carries the state itself, and the close's hook.
 */
public abstract class AbstractLentConnection implements LentConnection {
    @Override
    public void close() {
        handBack();
    }

    /** Gives the physical connection back to the pool. */
    abstract void handBack();
}
