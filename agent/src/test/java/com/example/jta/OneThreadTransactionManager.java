package com.example.jta;

import javax.transaction.NotSupportedException;
import javax.transaction.Status;
import javax.transaction.SystemException;
import javax.transaction.Transaction;
import javax.transaction.TransactionManager;

/**
 * A JTA transaction manager for one thread: one current {@link OneResourceTransaction} at a time,
 * which {@link #suspend} sets aside (as a container does for {@code REQUIRES_NEW}) and
 * {@link #resume} brings back. Outside {@code io.connguard}, as a transaction manager's code is.
 */
public final class OneThreadTransactionManager implements TransactionManager {
    private OneResourceTransaction current;

    @Override
    public void begin() throws NotSupportedException {
        if (current != null) throw new NotSupportedException("a transaction is already active");
        current = new OneResourceTransaction();
    }

    @Override
    public void commit() throws SystemException {
        OneResourceTransaction t = current;
        current = null;
        t.commit();
    }

    @Override
    public void rollback() throws SystemException {
        OneResourceTransaction t = current;
        current = null;
        t.rollback();
    }

    @Override
    public int getStatus() {
        return current == null ? Status.STATUS_NO_TRANSACTION : current.getStatus();
    }

    @Override
    public Transaction getTransaction() {
        return current;
    }

    @Override
    public Transaction suspend() {
        Transaction t = current;
        current = null;
        return t;
    }

    @Override
    public void resume(Transaction t) {
        current = (OneResourceTransaction) t;
    }

    @Override
    public void setRollbackOnly() {}

    @Override
    public void setTransactionTimeout(int seconds) {}
}
