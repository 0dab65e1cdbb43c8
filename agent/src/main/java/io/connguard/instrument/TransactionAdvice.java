package io.connguard.instrument;

import io.connguard.runtime.Guard;
import java.sql.SQLException;
import net.bytebuddy.asm.Advice;

/**
 * Exit halves for the calls that begin, end and fill a transaction, paired with
 * {@link JdbcAdvice}'s enter halves by {@link TransactionMethods}. Like those, each hands the
 * outcome to {@link Guard} and throws nothing but strict mode's deliberate exception.
 */
final class TransactionAdvice {
    private TransactionAdvice() {}

    /** {@code Connection.setAutoCommit(boolean)}. */
    static final class AutoCommitExit {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token, @Advice.Argument(0) boolean on, @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (token instanceof SQLException) thrown = (SQLException) token;
            else Guard.exitAutoCommit(token, on, thrown == null);
        }
    }

    /** {@code Connection.commit()} and {@code rollback()}. */
    static final class EndExit {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token, @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (token instanceof SQLException) thrown = (SQLException) token;
            else Guard.exitTransactionEnd(token, thrown == null);
        }
    }

    /** {@code executeUpdate}, {@code executeLargeUpdate}, {@code executeBatch}, {@code executeLargeBatch}, a result set's row changes. */
    static final class WriteExit {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Enter Object token, @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (token instanceof SQLException) thrown = (SQLException) token;
            else Guard.exitWrite(token, self, thrown == null);
        }
    }

    /** {@code execute}: a write when its first result is an update count ({@code false}). */
    static final class ExecuteExit {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Enter Object token, @Advice.Return boolean resultSetFirst,
                         @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (token instanceof SQLException) thrown = (SQLException) token;
            else Guard.exitWrite(token, self, thrown == null && !resultSetFirst);
        }
    }
}
