package io.connguard.it.scenarios;

import com.example.proxy.OwnConnections;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Leaves open a statement made by each statement-making method of {@code Connection}, one in a
 * lambda, one in a nested class, one through H2's own connection type, one each by the handlers
 * of two JDK proxies of a connection nobody opened, one of them of a package-private connection
 * type, which the JDK puts in that type's package (the proxy call's line is not the statement's), and
 * one by a method reference right after a call on a null connection threw (that call's line is not
 * the statement's either), and prints the line that made each as a stack names it (taken on that
 * line; a method reference's is the line that called it). All are closed with their connection:
 * each is a {@code PARENT_CLOSED} leak at its line. Then prints the frames, below H2's, of the
 * exception of a statement H2 refuses to prepare.
 */
public final class StatementsMadeEveryWay {
    /** The statements it leaves open, each made a way of its own, at a line of its own. */
    public static final int WAYS = 18;
    private static final List<Object> KEPT = new ArrayList<>();
    private static final int FORWARD = ResultSet.TYPE_FORWARD_ONLY;
    private static final int READ_ONLY = ResultSet.CONCUR_READ_ONLY;
    private static final int HOLD = ResultSet.HOLD_CURSORS_OVER_COMMIT;

    private StatementsMadeEveryWay() {}

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:every-way")) {
            KEPT.add(c.createStatement()); madeAt(here());
            KEPT.add(c.createStatement(FORWARD, READ_ONLY)); madeAt(here());
            KEPT.add(c.createStatement(FORWARD, READ_ONLY, HOLD)); madeAt(here());
            KEPT.add(c.prepareStatement("SELECT 1")); madeAt(here());
            KEPT.add(c.prepareStatement("SELECT 2", java.sql.Statement.RETURN_GENERATED_KEYS)); madeAt(here());
            KEPT.add(c.prepareStatement("SELECT 3", new int[] {1})); madeAt(here());
            KEPT.add(c.prepareStatement("SELECT 4", new String[] {"ID"})); madeAt(here());
            KEPT.add(c.prepareStatement("SELECT 5", FORWARD, READ_ONLY)); madeAt(here());
            KEPT.add(c.prepareStatement("SELECT 6", FORWARD, READ_ONLY, HOLD)); madeAt(here());
            KEPT.add(c.prepareCall("CALL 7")); madeAt(here());
            KEPT.add(c.prepareCall("CALL 8", FORWARD, READ_ONLY)); madeAt(here());
            KEPT.add(c.prepareCall("CALL 9", FORWARD, READ_ONLY, HOLD)); madeAt(here());
            Callable<Object> inLambda = () -> { Object made = c.prepareStatement("SELECT 10"); madeAt(here()); return made; };
            KEPT.add(inLambda.call());
            KEPT.add(new Nested().make(c));
            KEPT.add(((org.h2.jdbc.JdbcConnection) c).prepareStatement("SELECT 11")); madeAt(here());
            Connection handled = (Connection) Proxy.newProxyInstance(StatementsMadeEveryWay.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    Object made = ((org.h2.jdbc.JdbcConnection) c).createStatement(); madeAt(here());
                    return made;
                });
            KEPT.add(handled.createStatement());
            Connection own = OwnConnections.proxy((proxy, method, arguments) -> {
                Object made = c.createStatement(); madeAt(here());
                return made;
            });
            KEPT.add(own.createStatement());
            try {
                madeBy(null);
            } catch (NullPointerException expected) {
                // the call never reached a connection: the line it passed is no other statement's
            }
            Callable<Object> reference = c::createStatement;
            KEPT.add(reference.call()); madeAt(here());
            try {
                c.prepareStatement("SELEC 12");
            } catch (SQLException refused) {
                for (StackTraceElement f : refused.getStackTrace()) {
                    if (!f.getClassName().startsWith("org.h2.")) System.out.println("refused at " + f);
                }
            }
        }
        System.out.println("done");
    }

    private static Object madeBy(Connection c) throws SQLException {
        return c.prepareStatement("SELECT 14", FORWARD, READ_ONLY);
    }

    private static final class Nested {
        Object make(Connection c) throws SQLException {
            Object made = c.prepareStatement("SELECT 13"); madeAt(here());
            return made;
        }
    }

    /** The frame of the line that called this. */
    private static StackTraceElement here() {
        return new Throwable().getStackTrace()[1];
    }

    private static void madeAt(StackTraceElement f) {
        System.out.println("made at " + f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")");
    }
}
