package io.connguard.it.scenarios;

import java.lang.reflect.Proxy;
import java.sql.Connection;

/**
 * A class loader that delegates the JDK's classes and throws {@code NullPointerException} for any
 * other name (as one in HikariCP's test suite does), with a proxy {@code Connection} class defined
 * in it. The application must run as it would without connguard; connguard may only say, once and
 * in one line, that it could not watch that class.
 */
public final class LoaderThatThrowsForUnknownNames {
    public static void main(String[] args) throws Exception {
        ClassLoader odd = new ClassLoader(LoaderThatThrowsForUnknownNames.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("java.")) return super.loadClass(name, resolve);
                throw new NullPointerException("no class " + name + " here");
            }
        };
        Connection c = (Connection) Proxy.newProxyInstance(odd, new Class<?>[] {Connection.class},
            (proxy, method, a) -> method.getName().equals("isClosed") ? Boolean.TRUE : null);
        System.out.println("closed: " + c.isClosed());
        System.out.println("done");
    }
}
