package io.connguard.it.scenarios;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps the driver's statements and result sets in JDK proxies built from every interface of the
 * object's class and of its superclasses, listed as found, as Jdbi's own tests do: the JDK refuses
 * an interface listed twice, so the agent may add its own to one class of a chain only. Closes
 * everything it opens: nothing here is misuse.
 */
public final class ProxiesEveryInterfaceOfItsClasses {
    static <T> T proxied(T target) {
        List<Class<?>> interfaces = new ArrayList<>();
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) interfaces.addAll(List.of(c.getInterfaces()));
        InvocationHandler forward = (proxy, method, args) -> {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        @SuppressWarnings("unchecked")
        T proxy = (T) Proxy.newProxyInstance(target.getClass().getClassLoader(), interfaces.toArray(new Class<?>[0]), forward);
        return proxy;
    }

    public static void main(String[] args) throws Exception {
        ScenarioDb db = ScenarioDb.fromArgs(args, "chain").createItems(2);
        try (Connection conn = proxied(DriverManager.getConnection(db.url));
             Statement st = proxied(conn.createStatement());
             PreparedStatement ps = proxied(conn.prepareStatement("SELECT name FROM " + db.table + " WHERE id = ?"))) {
            try (ResultSet rs = proxied(st.executeQuery("SELECT COUNT(*) FROM " + db.table))) {
                rs.next();
                System.out.println("rows: " + rs.getInt(1));
            }
            ps.setInt(1, 2);
            try (ResultSet rs = proxied(ps.executeQuery())) {
                rs.next();
                System.out.println("name: " + rs.getString(1));
            }
        }
        db.cleanUp();
        System.out.println("done");
    }
}
