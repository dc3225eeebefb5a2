package dev.baton.migrate.session;

import dev.baton.core.wire.Plural;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.StreamRecord;
import dev.baton.core.wire.Utf8;
import dev.baton.migrate.RecordTypes;
import dev.baton.migrate.precopy.RegionManifest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The MIGRATION_SESSION and MIGRATION_STAGE records (docs/MIGRATION.md, "Records in the stream").
 *
 * <pre>
 *   MIGRATION_SESSION: u32 protocol | u32 stage_count | stage_count x (u16 len, name) | region manifest
 *   MIGRATION_STAGE:   u32 index | u16 len | name
 * </pre>
 */
final class SessionRecords {
    /** Most stages a table may have. */
    static final int MAX_STAGES = 256;

    private SessionRecords() {
    }

    /** What the MIGRATION_SESSION record says. */
    record Session(int protocol, List<String> stages, RegionManifest regions) {
    }

    static void writeSession(RecordWriter w, int protocol, StageTable table, RegionManifest regions) {
        var body = w.begin(RecordTypes.SESSION).putInt(protocol).putInt(table.stages().size());
        for (String name : table.names()) {
            body.putU16(Utf8.encodedLength(name)).putUtf8(name);
        }
        regions.write(body);
        body.end();
    }

    static Session readSession(StreamRecord r) throws IOException {
        ByteBuffer b = r.body();
        if (b.remaining() < 8) {
            throw r.error("MIGRATION_SESSION body of " + Plural.count(b.remaining(), "octet")
                    + " is shorter than its 8-octet header", 0);
        }
        int protocol = b.getInt();
        if (protocol <= 0) {
            throw r.error("protocol version " + Integer.toUnsignedString(protocol) + " is not valid", 0);
        }
        long count = b.getInt() & 0xFFFF_FFFFL;
        if (count > MAX_STAGES) {
            throw r.error("stage count " + count + " exceeds the limit of " + MAX_STAGES, 4);
        }
        List<String> stages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            stages.add(name(b, r, "stage name #" + i));
        }
        RegionManifest regions = RegionManifest.read(b, r);
        if (b.hasRemaining()) {
            throw r.error(Plural.count(b.remaining(), "octet")
                    + " left over after the MIGRATION_SESSION body", b.position());
        }
        return new Session(protocol, stages, regions);
    }

    static void writeStage(RecordWriter w, int index, String name) {
        w.begin(RecordTypes.STAGE).putInt(index).putU16(Utf8.encodedLength(name)).putUtf8(name).end();
    }

    /** What a MIGRATION_STAGE record says. */
    record StageMark(int index, String name) {
    }

    static StageMark readStage(StreamRecord r) throws IOException {
        ByteBuffer b = r.body();
        if (b.remaining() < 6) {
            throw r.error("MIGRATION_STAGE body of " + Plural.count(b.remaining(), "octet")
                    + " is shorter than its 6-octet header", 0);
        }
        int index = b.getInt();
        String name = name(b, r, "stage name");
        if (b.hasRemaining()) {
            throw r.error(Plural.count(b.remaining(), "octet")
                    + " left over after the MIGRATION_STAGE body", b.position());
        }
        return new StageMark(index, name);
    }

    private static String name(ByteBuffer b, StreamRecord r, String what) throws StreamFormatException {
        if (b.remaining() < 2) {
            throw r.error(what + " length runs past the end of the body", b.position());
        }
        int n = b.getShort() & 0xFFFF;
        int at = b.position();
        if (n > b.remaining()) {
            throw r.error(what + " of " + Plural.count(n, "octet") + " runs past the end of the body", at - 2);
        }
        String s = Utf8.containsNul(b, at, n) ? null : Utf8.decode(b, at, n);
        if (s == null) {
            throw r.error(what + " is not valid UTF-8 or contains NUL", at);
        }
        b.position(at + n);
        return s;
    }
}
