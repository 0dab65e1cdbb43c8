package io.connguard.instrument;

import io.connguard.runtime.Guard;
import java.sql.Connection;
import java.sql.SQLException;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The advice inlined into JDBC classes, as enter and exit halves that {@link JdbcTransformer}
 * pairs per kind of method. Each half is a call into {@link Guard}; nothing here may throw into the
 * application, except strict mode's deliberate {@link SQLException}, which an enter half returns
 * to skip the call and its exit half throws. The {@code java.sql} type tests are written out in
 * each half: only the halves are copied into driver classes, and the runtime cannot see
 * {@code java.sql} from the boot class path.
 */
final class JdbcAdvice {
    private JdbcAdvice() {}

    static final class UseEnter {
        @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = SQLException.class)
        static Object enter(@Advice.This Object self, @Advice.Origin("#m") String method) {
            Object token = Guard.enter(self, method);
            return token instanceof String ? new SQLException((String) token) : token;
        }
    }

    /** Calls that carry SQL: {@code prepareStatement(sql)}, {@code execute*(sql)}, {@code addBatch(sql)}. */
    static final class SqlUseEnter {
        @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = SQLException.class)
        static Object enter(@Advice.This Object self, @Advice.Origin("#m") String method, @Advice.Argument(0) Object sql) {
            Object token = Guard.enterSql(self, method, sql);
            return token instanceof String ? new SQLException((String) token) : token;
        }
    }

    /** {@code Statement.cancel()} and {@code Connection.abort(executor)}: any thread may call them. */
    static final class AnyThreadEnter {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object self) {
            return Guard.enterAnyThread(self);
        }
    }

    static final class CloseEnter {
        @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = SQLException.class)
        static Object enter(@Advice.This Object self, @Advice.Origin("#m") String method) {
            Object token = Guard.enterClose(self, method);
            return token instanceof String ? new SQLException((String) token) : token;
        }
    }

    static final class UseExit {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token, @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (token instanceof SQLException) thrown = (SQLException) token;
            else Guard.exit(token);
        }
    }

    /**
     * After a call that hands out a statement, a result set or metadata, which the caller then
     * owns. Only methods declared to return those are factories, so what they return needs no
     * type test (an interface {@code instanceof} is a scan of the class's interfaces on JDK 17).
     */
    static final class FactoryExit {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Origin("#m") String method, @Advice.Enter Object token,
                         @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
                         @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (token instanceof SQLException) thrown = (SQLException) token;
            else Guard.exitFactory(token, self, returned, method, null);
        }
    }

    /** {@code prepareStatement(sql)}, {@code prepareCall(sql)}, {@code executeQuery(sql)}: a factory that carries SQL. */
    static final class SqlFactoryExit {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Origin("#m") String method, @Advice.Enter Object token,
                         @Advice.Argument(0) Object sql, @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
                         @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (token instanceof SQLException) thrown = (SQLException) token;
            else Guard.exitFactory(token, self, returned, method, sql);
        }
    }

    static final class CloseExit {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Enter Object token, @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (token instanceof SQLException) thrown = (SQLException) token;
            else Guard.exitClose(token, self);
        }
    }

    /**
     * Data sources, pooled connections, and the calls that make physical connections for pools
     * ({@code getPooledConnection}, {@code getXAConnection}): what they open inside is nested, and
     * only a connection the outermost one returns is the caller's.
     */
    static final class OpenEnter {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter() {
            return Guard.enterOpen();
        }
    }

    static final class OpenExit {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Enter Object token,
                         @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned) {
            Guard.exitOpen(token, self, returned instanceof Connection ? returned : null, null);
        }
    }

    /** {@code Driver.connect(url, info)}: an open that knows its URL. The {@code Properties} are never read. */
    static final class ConnectExit {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Enter Object token, @Advice.Argument(0) Object url,
                         @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned) {
            Guard.exitOpen(token, self, returned instanceof Connection ? returned : null, url);
        }
    }
}
