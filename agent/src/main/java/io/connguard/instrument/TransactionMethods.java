package io.connguard.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The JDBC methods a transaction is made of, as the JDBC interfaces name them: what sets the
 * commit mode, what ends a transaction, and what writes. They get their own exit halves
 * ({@link TransactionAdvice}); every other call keeps the plain ones.
 */
final class TransactionMethods {
    private static final ElementMatcher.Junction<MethodDescription> AUTO_COMMIT =
        named("setAutoCommit").and(takesArguments(boolean.class));
    /** {@code rollback(Savepoint)} is not among them: it may leave earlier writes uncommitted. */
    private static final ElementMatcher.Junction<MethodDescription> END = namedOneOf("commit", "rollback").and(takesArguments(0));
    private static final ElementMatcher.Junction<MethodDescription> WRITE =
        namedOneOf("executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch")
            .or(namedOneOf("insertRow", "updateRow", "deleteRow").and(takesArguments(0)));
    private static final ElementMatcher.Junction<MethodDescription> EXECUTE = named("execute").and(returns(boolean.class));
    static final ElementMatcher.Junction<MethodDescription> ALL = AUTO_COMMIT.or(END).or(WRITE).or(EXECUTE);

    private static final Advice AUTO_COMMIT_ADVICE = JdbcTransformer.advice(JdbcAdvice.UseEnter.class, TransactionAdvice.AutoCommitExit.class);
    private static final Advice END_ADVICE = JdbcTransformer.advice(JdbcAdvice.UseEnter.class, TransactionAdvice.EndExit.class);
    private static final Advice WRITE_ADVICE = JdbcTransformer.advice(JdbcAdvice.UseEnter.class, TransactionAdvice.WriteExit.class);
    private static final Advice SQL_WRITE_ADVICE = JdbcTransformer.advice(JdbcAdvice.SqlUseEnter.class, TransactionAdvice.WriteExit.class);
    private static final Advice EXECUTE_ADVICE = JdbcTransformer.advice(JdbcAdvice.UseEnter.class, TransactionAdvice.ExecuteExit.class);
    private static final Advice SQL_EXECUTE_ADVICE = JdbcTransformer.advice(JdbcAdvice.SqlUseEnter.class, TransactionAdvice.ExecuteExit.class);

    private TransactionMethods() {}

    /** Adds the advice for those of {@code jdbc} (a type's JDBC methods that are neither close nor factory) that are transaction methods. */
    static AsmVisitorWrapper.ForDeclaredMethods advise(AsmVisitorWrapper.ForDeclaredMethods methods,
                                                       ElementMatcher.Junction<MethodDescription> jdbc,
                                                       ElementMatcher.Junction<MethodDescription> sqlUse) {
        return methods
            .invokable(jdbc.and(AUTO_COMMIT), AUTO_COMMIT_ADVICE)
            .invokable(jdbc.and(END), END_ADVICE)
            .invokable(jdbc.and(WRITE).and(sqlUse), SQL_WRITE_ADVICE)
            .invokable(jdbc.and(WRITE).and(not(sqlUse)), WRITE_ADVICE)
            .invokable(jdbc.and(EXECUTE).and(sqlUse), SQL_EXECUTE_ADVICE)
            .invokable(jdbc.and(EXECUTE).and(not(sqlUse)), EXECUTE_ADVICE);
    }
}
