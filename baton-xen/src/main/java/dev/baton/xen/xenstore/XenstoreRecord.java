package dev.baton.xen.xenstore;

/**
 * One record of a xenstore migration stream, as plain immutable data: the model a store saves
 * from and loads into. There is one implementation per record type; each checks in its
 * constructor what the wire format cannot represent (a length beyond its field, a NUL inside a
 * string), so that any record that exists can be written.
 */
public sealed interface XenstoreRecord
        permits End, GlobalData, ConnectionData, WatchData, WatchDataExtended, TransactionData, NodeData,
        GlobalQuotaData, DomainData {

    /** The record's type. */
    XenstoreRecordType type();

    /** One line for people: the record's fields in words. */
    String summary();
}
