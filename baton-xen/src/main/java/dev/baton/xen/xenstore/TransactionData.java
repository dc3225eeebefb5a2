package dev.baton.xen.xenstore;

/**
 * TRANSACTION_DATA: a transaction pending on a connection.
 *
 * <pre>
 *   0  u32  conn-id
 *   4  u32  tx-id
 * </pre>
 */
public record TransactionData(long connId, long txId) implements XenstoreRecord {
    static final int SIZE = 8;

    public TransactionData {
        Fields.u32("conn-id", connId);
        Fields.u32("tx-id", txId);
    }

    @Override
    public XenstoreRecordType type() {
        return XenstoreRecordType.TRANSACTION_DATA;
    }

    @Override
    public String summary() {
        return "connection " + connId + ", transaction " + txId;
    }
}
