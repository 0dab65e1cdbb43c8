package com.example.jta;

import java.nio.charset.StandardCharsets;
import javax.transaction.Status;
import javax.transaction.Synchronization;
import javax.transaction.SystemException;
import javax.transaction.Transaction;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A global transaction over one resource, as a JTA transaction manager runs it: enlisting starts the
 * XA branch, commit ends it and commits it in one phase. Outside {@code io.connguard}, as a
 * transaction manager's code is.
 */
public final class OneResourceTransaction implements Transaction {
    private static final Xid XID = new Xid() {
        @Override
        public int getFormatId() {
            return 4242;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return "connguard-global".getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public byte[] getBranchQualifier() {
            return "branch-1".getBytes(StandardCharsets.US_ASCII);
        }
    };

    private XAResource resource;

    @Override
    public boolean enlistResource(XAResource xa) throws SystemException {
        try {
            xa.start(XID, XAResource.TMNOFLAGS);
        } catch (XAException e) {
            throw new SystemException(e.getMessage());
        }
        resource = xa;
        return true;
    }

    @Override
    public void commit() throws SystemException {
        try {
            resource.end(XID, XAResource.TMSUCCESS);
            resource.commit(XID, true);
        } catch (XAException e) {
            throw new SystemException(e.getMessage());
        }
    }

    @Override
    public boolean delistResource(XAResource xa, int flag) {
        return false;
    }

    @Override
    public int getStatus() {
        return Status.STATUS_ACTIVE;
    }

    @Override
    public void registerSynchronization(Synchronization sync) {}

    @Override
    public void rollback() throws SystemException {
        try {
            resource.end(XID, XAResource.TMFAIL);
            resource.rollback(XID);
        } catch (XAException e) {
            throw new SystemException(e.getMessage());
        }
    }

    @Override
    public void setRollbackOnly() {}
}
