package com.example.jta;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.Status;
import javax.transaction.Synchronization;
import javax.transaction.SystemException;
import javax.transaction.Transaction;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A global transaction over one resource, as a JTA transaction manager runs it: enlisting starts the
 * XA branch, commit ends it and commits it in one phase, and then tells the synchronizations
 * registered (a pool takes its shared connection back there). Outside {@code io.connguard}, as a
 * transaction manager's code is.
 */
public final class OneResourceTransaction implements Transaction {
    private static final AtomicInteger STARTED = new AtomicInteger();

    private final byte[] globalId = ("connguard-global-" + STARTED.incrementAndGet()).getBytes(StandardCharsets.US_ASCII);
    private final Xid xid = new Xid() {
        @Override
        public int getFormatId() {
            return 4242;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return globalId.clone();
        }

        @Override
        public byte[] getBranchQualifier() {
            return "branch-1".getBytes(StandardCharsets.US_ASCII);
        }
    };
    private final List<Synchronization> synchronizations = new ArrayList<>();
    private XAResource resource;
    private int status = Status.STATUS_ACTIVE;

    @Override
    public boolean enlistResource(XAResource xa) throws SystemException {
        try {
            xa.start(xid, XAResource.TMNOFLAGS);
        } catch (XAException e) {
            throw new SystemException(e.getMessage());
        }
        resource = xa;
        return true;
    }

    @Override
    public void commit() throws SystemException {
        for (Synchronization s : synchronizations) s.beforeCompletion();
        try {
            if (resource != null) {
                resource.end(xid, XAResource.TMSUCCESS);
                resource.commit(xid, true);
            }
        } catch (XAException e) {
            throw new SystemException(e.getMessage());
        }
        completed(Status.STATUS_COMMITTED);
    }

    @Override
    public boolean delistResource(XAResource xa, int flag) {
        return false;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void registerSynchronization(Synchronization sync) {
        synchronizations.add(sync);
    }

    @Override
    public void rollback() throws SystemException {
        try {
            if (resource != null) {
                resource.end(xid, XAResource.TMFAIL);
                resource.rollback(xid);
            }
        } catch (XAException e) {
            throw new SystemException(e.getMessage());
        }
        completed(Status.STATUS_ROLLEDBACK);
    }

    private void completed(int outcome) {
        status = outcome;
        for (Synchronization s : synchronizations) s.afterCompletion(outcome);
    }

    @Override
    public void setRollbackOnly() {}
}
