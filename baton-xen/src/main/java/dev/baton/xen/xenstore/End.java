package dev.baton.xen.xenstore;

/** END: the last record of every stream; no body. */
public record End() implements XenstoreRecord {
    @Override
    public XenstoreRecordType type() {
        return XenstoreRecordType.END;
    }

    @Override
    public String summary() {
        return "end of stream";
    }
}
