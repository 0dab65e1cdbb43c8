package io.connguard.instrument;

import static io.connguard.instrument.Hook.Operand.ARG0;
import static io.connguard.instrument.Hook.Operand.ARG0_BOOLEAN;
import static io.connguard.instrument.Hook.Operand.NAME;
import static io.connguard.instrument.Hook.Operand.NULL;
import static io.connguard.instrument.Hook.Operand.SELF;
import static io.connguard.instrument.Hook.Operand.TOKEN;

/**
 * The calls into {@code io.connguard.runtime.Guard} that {@link AdvisedMethod} puts around a
 * JDBC method: one on entry, whose result (the token) is kept in a local, and one on every way out,
 * normal or thrown; for {@link #CHECK}, only the one on entry ({@link CheckedMethod}). Each is
 * named by its {@code Guard} method and its operands, from which its descriptor follows; an exit's
 * first operand is what the method returns (or whether it returned), as it lies on the stack at
 * the return.
 */
enum Hook {
    USE(Call.ENTER, exit("exit", Outcome.NONE, TOKEN)),
    /** Column and parameter accessors ({@code getInt}, {@code setString}): a check on entry, no exit. */
    CHECK(new Call("check", Outcome.NONE, SELF, NAME), null),
    /** Calls that carry SQL: {@code execute*(sql)}, {@code addBatch(sql)}. */
    SQL_USE(Call.ENTER_SQL, exit("exit", Outcome.NONE, TOKEN)),
    /** Calls that hand out a statement, a result set or metadata, and {@code closeOnCompletion}. */
    FACTORY(Call.ENTER, exit("exitFactory", Outcome.RETURNED, TOKEN, SELF, NAME, NULL)),
    /** {@code executeQuery(sql)}. */
    SQL_FACTORY(Call.ENTER_SQL, exit("exitFactory", Outcome.RETURNED, TOKEN, SELF, NAME, ARG0)),
    /** {@code Connection.createStatement(..)}: a factory whose entry takes the site its caller passed ({@code CallSites.at}). */
    STATEMENT_MAKER(new Call("enterMaker", SELF, NAME, NULL), exit("exitFactory", Outcome.RETURNED, TOKEN, SELF, NAME, NULL)),
    /** {@code Connection.prepareStatement(sql..)} and {@code prepareCall(sql..)}: as {@link #STATEMENT_MAKER}, with SQL. */
    SQL_STATEMENT_MAKER(new Call("enterMaker", SELF, NAME, ARG0), exit("exitFactory", Outcome.RETURNED, TOKEN, SELF, NAME, ARG0)),
    CLOSE(new Call("enterClose", SELF, NAME), exit("exitClose", Outcome.NONE, TOKEN, SELF)),
    /**
     * {@code Statement.cancel()}, which JDBC lets any thread call; {@code isClosed()}, which only asks
     * (a pool's housekeeper, a watchdog, a driver's own cancel, as pgjdbc's {@code cancelQuery}, ask
     * it from their threads).
     */
    ANY_THREAD(Call.ENTER_ANY_THREAD, exit("exit", Outcome.NONE, TOKEN)),
    /** {@code Connection.abort(executor)}: any thread, and, if it returns, it closed, ending the transaction with it. */
    ABORT(Call.ENTER_ANY_THREAD, exit("exitAbort", Outcome.DONE, TOKEN, SELF)),
    /** {@code Connection.setAutoCommit(boolean)}. */
    AUTO_COMMIT(Call.ENTER, exit("exitAutoCommit", Outcome.DONE, TOKEN, SELF, ARG0_BOOLEAN)),
    /** {@code Connection.getAutoCommit()}: the mode the connection says it is in. */
    AUTO_COMMIT_READ(Call.ENTER, exit("exitAutoCommitRead", Outcome.RETURNED_FALSE, TOKEN, SELF)),
    /** {@code Connection.commit()} and {@code rollback()}. */
    TRANSACTION_END(Call.ENTER, exit("exitTransactionEnd", Outcome.DONE, TOKEN, SELF, NAME)),
    /** {@code Statement.getMoreResults()}, which closes the current result set. */
    NEXT_RESULT(Call.ENTER, exit("exitNextResult", Outcome.DONE, TOKEN, SELF)),
    /** {@code executeUpdate} and its large form, a result set's row changes. */
    WRITE(Call.ENTER, exit("exitWrite", Outcome.DONE, TOKEN, SELF)),
    /** {@code executeBatch} and its large form: a write when the batch held a statement. */
    BATCH(Call.ENTER, exit("exitBatch", Outcome.RETURNED, TOKEN, SELF)),
    SQL_WRITE(Call.ENTER_SQL, exit("exitWrite", Outcome.DONE, TOKEN, SELF)),
    /** {@code execute}: a write when its first result is an update count. */
    EXECUTE(Call.ENTER, exit("exitWrite", Outcome.RETURNED_FALSE, TOKEN, SELF)),
    SQL_EXECUTE(Call.ENTER_SQL, exit("exitWrite", Outcome.RETURNED_FALSE, TOKEN, SELF)),
    /** {@code getConnection()} of a data source, declared to return a connection. */
    OPEN(Call.ENTER_OPEN, exit("exitGetConnection", Outcome.RETURNED, TOKEN, SELF)),
    /** {@code getConnection()} of a {@code PooledConnection}: an open whose handle replaces the one before. */
    HANDLE(Call.ENTER_OPEN, exit("exitHandle", Outcome.RETURNED, TOKEN, SELF)),
    /** {@code close()} of a {@code PooledConnection}: the physical connection closes, and its handle with it. */
    HANDLE_RELEASE(Call.ENTER_OPEN, exit("exitHandleRelease", Outcome.NONE, TOKEN, SELF)),
    /** A pool's data source taking a connection it lent back to destroy it: a close of that connection (see {@link MethodRoles}). */
    HAND_BACK(new Call("enterClose", ARG0, NAME), exit("exitClose", Outcome.NONE, TOKEN, ARG0)),
    /** {@code getPooledConnection}, {@code getXAConnection}: opens that return no connection of the caller's. */
    OPEN_PHYSICAL(Call.ENTER_OPEN, exit("exitOpen", Outcome.NULL, TOKEN, SELF, NULL)),
    /** {@code Driver.connect(url, info)}: an open that knows its URL. */
    CONNECT(Call.ENTER_OPEN, exit("exitOpen", Outcome.RETURNED, TOKEN, SELF, ARG0));

    static final String GUARD = "io/connguard/runtime/Guard";

    final Call enter;
    /** Null for {@link #CHECK}. */
    final Call exit;

    Hook(Call enter, Call exit) {
        this.enter = enter;
        this.exit = exit;
    }

    private static Call exit(String method, Outcome outcome, Operand... operands) {
        return new Call(method, outcome, operands);
    }

    /** What the method's own frame hands a call. */
    enum Operand {
        /** {@code this}. */
        SELF("Ljava/lang/Object;"),
        /** The method's name, as a constant. */
        NAME("Ljava/lang/String;"),
        /** The first argument, a reference. */
        ARG0("Ljava/lang/Object;"),
        /** The first argument, a {@code boolean}. */
        ARG0_BOOLEAN("Z"),
        NULL("Ljava/lang/Object;"),
        /** What the entry call returned. */
        TOKEN("Ljava/lang/Object;");

        final String descriptor;

        Operand(String descriptor) {
            this.descriptor = descriptor;
        }
    }

    /** How the method ended, as an exit's first operand. */
    enum Outcome {
        NONE(""),
        /** The returned reference; null when the method threw or returns none. */
        RETURNED("Ljava/lang/Object;"),
        /** Always null. */
        NULL("Ljava/lang/Object;"),
        /** Whether the method returned (true) or threw (false). */
        DONE("Z"),
        /**
         * Whether the method returned {@code false}: {@code execute}'s "an update count came first",
         * {@code getAutoCommit}'s "auto-commit is off".
         */
        RETURNED_FALSE("Z");

        final String descriptor;

        Outcome(String descriptor) {
            this.descriptor = descriptor;
        }
    }

    /** One static call into {@code Guard}. */
    static final class Call {
        static final Call ENTER = new Call("enter", SELF, NAME);
        static final Call ENTER_SQL = new Call("enterSql", SELF, NAME, ARG0);
        static final Call ENTER_ANY_THREAD = new Call("enterAnyThread", SELF);
        static final Call ENTER_OPEN = new Call("enterOpen");

        final String method;
        final Outcome outcome;
        final Operand[] operands;
        final String descriptor;

        /** An entry call: it returns the token. */
        Call(String method, Operand... operands) {
            this(method, Outcome.NONE, operands, "Ljava/lang/Object;");
        }

        /** An exit call, or {@link #CHECK}'s entry: it returns nothing. */
        Call(String method, Outcome outcome, Operand... operands) {
            this(method, outcome, operands, "V");
        }

        private Call(String method, Outcome outcome, Operand[] operands, String returns) {
            this.method = method;
            this.outcome = outcome;
            this.operands = operands;
            StringBuilder d = new StringBuilder("(").append(outcome.descriptor);
            for (Operand o : operands) d.append(o.descriptor);
            this.descriptor = d.append(')').append(returns).toString();
        }
    }
}
