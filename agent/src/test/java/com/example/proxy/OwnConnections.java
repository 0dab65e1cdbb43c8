package com.example.proxy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;

/**
 * Proxies of a connection type that is this package's own and not public: the JDK defines them in
 * this package ({@code com.example.proxy.$Proxy12}), not in a {@code jdk.proxy} module.
 */
public final class OwnConnections {
    interface OwnConnection extends Connection {}

    private OwnConnections() {}

    /** A proxy connection whose every call {@code handler} carries out. */
    public static Connection proxy(InvocationHandler handler) {
        return (Connection) Proxy.newProxyInstance(OwnConnections.class.getClassLoader(), new Class<?>[] {OwnConnection.class}, handler);
    }
}
