package com.example.jta;

import java.sql.Connection;
import java.sql.SQLException;
import com.example.datasource.PlainDataSource;
import javax.sql.XAConnection;
import javax.sql.XADataSource;

/**
 * A data source as a JTA-aware pool is one: each {@code getConnection} takes an XA connection and
 * enlists it in the current global transaction before handing out its connection, which the
 * application then never commits itself.
 */
public final class EnlistingDataSource extends PlainDataSource {
    private final XADataSource xa;
    private final OneResourceTransaction transaction;

    public EnlistingDataSource(XADataSource xa, OneResourceTransaction transaction) {
        this.xa = xa;
        this.transaction = transaction;
    }

    @Override
    public Connection getConnection() throws SQLException {
        XAConnection physical = xa.getXAConnection();
        try {
            transaction.enlistResource(physical.getXAResource());
        } catch (javax.transaction.SystemException e) {
            throw new SQLException(e);
        }
        return physical.getConnection();
    }
}
