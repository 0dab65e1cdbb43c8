package io.connguard.it.scenarios;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * An application that wraps its connections and statements in JDK proxies of its own, as tracing
 * and metrics wrappers do: {@link Tracing} forwards each call to the driver's object.
 * {@code usedWell} closes everything; {@code leak} leaves a statement open when it closes the
 * connection; {@code useOnWorker} runs on another thread than the one that opened the connection.
 * {@link Auditing} forwards too, but first runs an audit query with a statement of its own, which
 * it never closes: that leak is the handler's line.
 */
public final class WrapsJdbcInItsOwnProxies {
    static final List<Object> KEPT = new ArrayList<>();

    /** Forwards every call; what it returns that is JDBC comes back wrapped too. */
    static class Tracing implements InvocationHandler {
        final Object target;

        Tracing(Object target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            return wrap(forward(method, args));
        }

        private Object forward(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** Before each statement it forwards, runs an audit query with a statement of its own, which it leaves open. */
    static final class Auditing extends Tracing {
        Auditing(Connection target) {
            super(target);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("prepareStatement")) audit();
            return super.invoke(proxy, method, args);
        }

        private void audit() throws Exception {
            PreparedStatement p = ((Connection) target).prepareStatement("SELECT 1");
            p.executeQuery().close();
            KEPT.add(p);
        }
    }

    static Object wrap(Object o) {
        for (Class<?> type : new Class<?>[] {Connection.class, PreparedStatement.class, Statement.class, ResultSet.class}) {
            if (type.isInstance(o)) return Proxy.newProxyInstance(WrapsJdbcInItsOwnProxies.class.getClassLoader(), new Class<?>[] {type}, new Tracing(o));
        }
        return o;
    }

    static void usedWell(String url) throws Exception {
        try (Connection c = (Connection) wrap(DriverManager.getConnection(url));
             PreparedStatement p = c.prepareStatement("SELECT 1");
             ResultSet rs = p.executeQuery()) {
            rs.next();
        }
    }

    static void leak(String url) throws Exception {
        try (Connection c = (Connection) wrap(DriverManager.getConnection(url))) {
            KEPT.add(c.prepareStatement("SELECT 1"));
        }
    }

    static void useOnWorker(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
    }

    static void audited(String url) throws Exception {
        try (Connection c = (Connection) Proxy.newProxyInstance(WrapsJdbcInItsOwnProxies.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Auditing(DriverManager.getConnection(url)));
             PreparedStatement p = c.prepareStatement("SELECT 2")) {
            p.executeQuery().close();
        }
    }

    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "proxies");
        String url = db.url;
        usedWell(url);
        leak(url);
        try (Connection c = (Connection) wrap(DriverManager.getConnection(url))) {
            Thread worker = new Thread(() -> {
                try {
                    useOnWorker(c);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "worker");
            worker.start();
            worker.join();
        }
        audited(url);
        db.cleanUp();
        System.out.println("done");
    }
}
