package dev.baton.migrate;

import java.util.Map;

/**
 * The record types baton-migrate puts into a Baton stream, besides SECTION and the other core
 * records. They lie in the application range, in a block baton-migrate owns: {@code 0x7FFF0000}
 * to {@code 0x7FFF00FF} (mandatory) and {@code 0xFFFF0000} to {@code 0xFFFF00FF} (optional).
 * Applications that migrate with baton-migrate allocate their own types below that block
 * (docs/MIGRATION.md, "Records in the stream", has the octet layouts).
 *
 * <p>All of them but LOAD_MARK are mandatory: a reader that skipped pages or objects would lose
 * state; one that skips LOAD_MARK only leaves its source without news of its progress.
 */
public final class RecordTypes {
    /** First of the block; the last is {@code 0x7FFF00FF}. */
    public static final int BLOCK = 0x7FFF_0000;
    /** The session's protocol version, its stage table and the regions it will send. First record. */
    public static final int SESSION = 0x7FFF_0001;
    /** A stage begins: its index and name in the stage table. */
    public static final int STAGE = 0x7FFF_0002;
    /** A run of pages of a paged region. */
    public static final int PAGES = 0x7FFF_0003;
    /** One object of an object collection, in its description's layout. */
    public static final int OBJECT = 0x7FFF_0004;
    /** An object removed from an object collection. */
    public static final int OBJECT_REMOVED = 0x7FFF_0005;
    /** A pre-copy pass ends: its number and the octets it sent. */
    public static final int ITERATION_END = 0x7FFF_0006;
    /**
     * On a migration's extra channel (docs/MIGRATION.md, "Channels"): the channel carries no
     * page of the pass it ends after it; the target loads no page of the next pass from any
     * channel until every channel has sent it.
     */
    public static final int CHANNEL_SYNC = 0x7FFF_0007;
    /**
     * Optional: the source asks how far the target has loaded; a target that knows it answers
     * LOADED on the return path once it has read the record, one that does not skips it.
     */
    public static final int LOAD_MARK = 0xFFFF_0001;

    private RecordTypes() {
    }

    /** The types with their names, for {@code ReaderOptions.withApplicationTypes}. */
    public static Map<Integer, String> names() {
        return Map.of(SESSION, "MIGRATION_SESSION", STAGE, "MIGRATION_STAGE", PAGES, "PAGES", OBJECT, "OBJECT",
                OBJECT_REMOVED, "OBJECT_REMOVED", ITERATION_END, "ITERATION_END", CHANNEL_SYNC, "CHANNEL_SYNC",
                LOAD_MARK, "LOAD_MARK");
    }

    /** Whether {@code type} lies in baton-migrate's block (mandatory or optional). */
    public static boolean inBlock(int type) {
        return (type & 0x7FFF_FF00) == BLOCK;
    }
}
