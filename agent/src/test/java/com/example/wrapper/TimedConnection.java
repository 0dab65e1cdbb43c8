package com.example.wrapper;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * The application's own wrapper of a connection its {@link TimedPool} lends: every call goes to the
 * physical connection through a helper of the application's ({@link Timing}), not from this class's
 * own methods; {@code close()}, its base class's ({@link AbstractLentConnection}), hands the
 * physical connection back. It is a {@code Connection} through that base class.
 * Outside {@code io.connguard}, as the application's code is.
 */
public final class TimedConnection extends AbstractLentConnection {
    private final TimedPool pool;
    private final Connection physical;

    TimedConnection(TimedPool pool, Connection physical) {
        this.pool = pool;
        this.physical = physical;
    }

    @Override public Statement createStatement() throws SQLException { return Timing.run(() -> physical.createStatement()); }
    @Override public PreparedStatement prepareStatement(String a0) throws SQLException { return Timing.run(() -> physical.prepareStatement(a0)); }
    @Override public CallableStatement prepareCall(String a0) throws SQLException { return Timing.run(() -> physical.prepareCall(a0)); }
    @Override public String nativeSQL(String a0) throws SQLException { return Timing.run(() -> physical.nativeSQL(a0)); }
    @Override public void setAutoCommit(boolean a0) throws SQLException { Timing.run(() -> { physical.setAutoCommit(a0); return null; }); }
    @Override public boolean getAutoCommit() throws SQLException { return Timing.run(() -> physical.getAutoCommit()); }
    @Override public void commit() throws SQLException { Timing.run(() -> { physical.commit(); return null; }); }
    @Override public void rollback() throws SQLException { Timing.run(() -> { physical.rollback(); return null; }); }
    @Override void handBack() { pool.release(physical); }
    @Override public boolean isClosed() throws SQLException { return Timing.run(() -> physical.isClosed()); }
    @Override public DatabaseMetaData getMetaData() throws SQLException { return Timing.run(() -> physical.getMetaData()); }
    @Override public void setReadOnly(boolean a0) throws SQLException { Timing.run(() -> { physical.setReadOnly(a0); return null; }); }
    @Override public boolean isReadOnly() throws SQLException { return Timing.run(() -> physical.isReadOnly()); }
    @Override public void setCatalog(String a0) throws SQLException { Timing.run(() -> { physical.setCatalog(a0); return null; }); }
    @Override public String getCatalog() throws SQLException { return Timing.run(() -> physical.getCatalog()); }
    @Override public void setTransactionIsolation(int a0) throws SQLException { Timing.run(() -> { physical.setTransactionIsolation(a0); return null; }); }
    @Override public int getTransactionIsolation() throws SQLException { return Timing.run(() -> physical.getTransactionIsolation()); }
    @Override public SQLWarning getWarnings() throws SQLException { return Timing.run(() -> physical.getWarnings()); }
    @Override public void clearWarnings() throws SQLException { Timing.run(() -> { physical.clearWarnings(); return null; }); }
    @Override public Statement createStatement(int a0, int a1) throws SQLException { return Timing.run(() -> physical.createStatement(a0, a1)); }
    @Override public PreparedStatement prepareStatement(String a0, int a1, int a2) throws SQLException { return Timing.run(() -> physical.prepareStatement(a0, a1, a2)); }
    @Override public CallableStatement prepareCall(String a0, int a1, int a2) throws SQLException { return Timing.run(() -> physical.prepareCall(a0, a1, a2)); }
    @Override public Map<String, Class<?>> getTypeMap() throws SQLException { return Timing.run(() -> physical.getTypeMap()); }
    @Override public void setTypeMap(Map<String, Class<?>> a0) throws SQLException { Timing.run(() -> { physical.setTypeMap(a0); return null; }); }
    @Override public void setHoldability(int a0) throws SQLException { Timing.run(() -> { physical.setHoldability(a0); return null; }); }
    @Override public int getHoldability() throws SQLException { return Timing.run(() -> physical.getHoldability()); }
    @Override public Savepoint setSavepoint() throws SQLException { return Timing.run(() -> physical.setSavepoint()); }
    @Override public Savepoint setSavepoint(String a0) throws SQLException { return Timing.run(() -> physical.setSavepoint(a0)); }
    @Override public void rollback(Savepoint a0) throws SQLException { Timing.run(() -> { physical.rollback(a0); return null; }); }
    @Override public void releaseSavepoint(Savepoint a0) throws SQLException { Timing.run(() -> { physical.releaseSavepoint(a0); return null; }); }
    @Override public Statement createStatement(int a0, int a1, int a2) throws SQLException { return Timing.run(() -> physical.createStatement(a0, a1, a2)); }
    @Override public PreparedStatement prepareStatement(String a0, int a1, int a2, int a3) throws SQLException { return Timing.run(() -> physical.prepareStatement(a0, a1, a2, a3)); }
    @Override public CallableStatement prepareCall(String a0, int a1, int a2, int a3) throws SQLException { return Timing.run(() -> physical.prepareCall(a0, a1, a2, a3)); }
    @Override public PreparedStatement prepareStatement(String a0, int a1) throws SQLException { return Timing.run(() -> physical.prepareStatement(a0, a1)); }
    @Override public PreparedStatement prepareStatement(String a0, int[] a1) throws SQLException { return Timing.run(() -> physical.prepareStatement(a0, a1)); }
    @Override public PreparedStatement prepareStatement(String a0, String[] a1) throws SQLException { return Timing.run(() -> physical.prepareStatement(a0, a1)); }
    @Override public Clob createClob() throws SQLException { return Timing.run(() -> physical.createClob()); }
    @Override public Blob createBlob() throws SQLException { return Timing.run(() -> physical.createBlob()); }
    @Override public NClob createNClob() throws SQLException { return Timing.run(() -> physical.createNClob()); }
    @Override public SQLXML createSQLXML() throws SQLException { return Timing.run(() -> physical.createSQLXML()); }
    @Override public boolean isValid(int a0) throws SQLException { return Timing.run(() -> physical.isValid(a0)); }
    @Override public void setClientInfo(String a0, String a1) throws SQLClientInfoException { physical.setClientInfo(a0, a1); }
    @Override public void setClientInfo(Properties a0) throws SQLClientInfoException { physical.setClientInfo(a0); }
    @Override public String getClientInfo(String a0) throws SQLException { return Timing.run(() -> physical.getClientInfo(a0)); }
    @Override public Properties getClientInfo() throws SQLException { return Timing.run(() -> physical.getClientInfo()); }
    @Override public Array createArrayOf(String a0, Object[] a1) throws SQLException { return Timing.run(() -> physical.createArrayOf(a0, a1)); }
    @Override public Struct createStruct(String a0, Object[] a1) throws SQLException { return Timing.run(() -> physical.createStruct(a0, a1)); }
    @Override public void setSchema(String a0) throws SQLException { Timing.run(() -> { physical.setSchema(a0); return null; }); }
    @Override public String getSchema() throws SQLException { return Timing.run(() -> physical.getSchema()); }
    @Override public void abort(Executor a0) throws SQLException { Timing.run(() -> { physical.abort(a0); return null; }); }
    @Override public void setNetworkTimeout(Executor a0, int a1) throws SQLException { Timing.run(() -> { physical.setNetworkTimeout(a0, a1); return null; }); }
    @Override public int getNetworkTimeout() throws SQLException { return Timing.run(() -> physical.getNetworkTimeout()); }
    @Override public <T> T unwrap(Class<T> type) throws SQLException { return Timing.run(() -> physical.unwrap(type)); }
    @Override public boolean isWrapperFor(Class<?> type) throws SQLException { return Timing.run(() -> physical.isWrapperFor(type)); }
}
