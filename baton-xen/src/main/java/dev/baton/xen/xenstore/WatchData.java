package dev.baton.xen.xenstore;

import dev.baton.core.wire.Printable;
import java.util.Objects;

/**
 * WATCH_DATA: a watch a connection registered.
 *
 * <pre>
 *   0  u32  conn-id
 *   4  u16  wpath-len   with the NUL
 *   6  u16  token-len   with the NUL
 *   8  wpath, NUL, token, NUL
 * </pre>
 */
public record WatchData(long connId, String path, String token) implements XenstoreRecord {
    static final int FIXED = 8;

    public WatchData {
        Fields.u32("conn-id", connId);
        Fields.cString("wpath", Objects.requireNonNull(path, "path"));
        Fields.cString("token", Objects.requireNonNull(token, "token"));
    }

    @Override
    public XenstoreRecordType type() {
        return XenstoreRecordType.WATCH_DATA;
    }

    @Override
    public String summary() {
        return "connection " + connId + " watches " + Printable.of(path) + ", token " + Printable.of(token);
    }
}
