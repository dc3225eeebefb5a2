package dev.baton.xen.xenstore;

import dev.baton.core.wire.Printable;
import java.util.Objects;

/**
 * WATCH_DATA_EXTENDED (stream version 2 and up): a watch with a depth limit.
 *
 * <pre>
 *   0  u32  conn-id
 *   4  u16  wpath-len   with the NUL
 *   6  u16  token-len   with the NUL
 *   8  u16  depth       directory levels below wpath that match; 0xffff unlimited
 *  10  u16  pad
 *  12  wpath, NUL, token, NUL
 * </pre>
 *
 * The C xenstored writes this record with an 8-octet fixed part and reads it back the same way,
 * which the spec does not say; Baton follows the spec.
 */
public record WatchDataExtended(long connId, String path, String token, int depth) implements XenstoreRecord {
    static final int FIXED = 12;
    /** {@code depth} meaning no limit. */
    public static final int UNLIMITED = 0xFFFF;

    public WatchDataExtended {
        Fields.u32("conn-id", connId);
        Fields.cString("wpath", Objects.requireNonNull(path, "path"));
        Fields.cString("token", Objects.requireNonNull(token, "token"));
        Fields.u16("depth", depth);
    }

    @Override
    public XenstoreRecordType type() {
        return XenstoreRecordType.WATCH_DATA_EXTENDED;
    }

    @Override
    public String summary() {
        return "connection " + connId + " watches " + Printable.of(path) + ", token " + Printable.of(token)
                + ", depth " + (depth == UNLIMITED ? "unlimited" : Integer.toString(depth));
    }
}
