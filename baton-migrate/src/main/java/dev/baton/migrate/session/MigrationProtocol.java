package dev.baton.migrate.session;

import dev.baton.core.wire.VersionWindow;
import dev.baton.migrate.RecordTypes;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The migration protocol versions an end runs, each with its stage table (passt's
 * {@code versions[]}): a contiguous range, like the stream format's. The source and the target
 * use the highest version both run. A new version is made by adding a stage to the table of the
 * one before; old versions stay, so that older peers still migrate.
 */
public final class MigrationProtocol {
    private final TreeMap<Integer, StageTable> versions;

    private MigrationProtocol(TreeMap<Integer, StageTable> versions) {
        this.versions = versions;
    }

    /** Version 1 with the standard stages. */
    public static MigrationProtocol standard() {
        TreeMap<Integer, StageTable> v = new TreeMap<>();
        v.put(1, StageTable.standard());
        return new MigrationProtocol(v);
    }

    /** A protocol of one version with this table. */
    public static MigrationProtocol of(int version, StageTable table) {
        if (version < 1) {
            throw new IllegalArgumentException("protocol versions start at 1");
        }
        TreeMap<Integer, StageTable> v = new TreeMap<>();
        v.put(version, table);
        return new MigrationProtocol(v);
    }

    /** This protocol and one more version, the next after the highest, with {@code table}. */
    public MigrationProtocol withVersion(StageTable table) {
        TreeMap<Integer, StageTable> v = new TreeMap<>(versions);
        v.put(versions.lastKey() + 1, table);
        return new MigrationProtocol(v);
    }

    /** This protocol without its versions above {@code max}: an end that runs an older release. */
    public MigrationProtocol upTo(int max) {
        TreeMap<Integer, StageTable> v = new TreeMap<>(versions.headMap(max, true));
        if (v.isEmpty()) {
            throw new IllegalArgumentException("no version at or below " + max);
        }
        return new MigrationProtocol(v);
    }

    /** This protocol without its versions below {@code min}. */
    public MigrationProtocol from(int min) {
        TreeMap<Integer, StageTable> v = new TreeMap<>(versions.tailMap(min, true));
        if (v.isEmpty()) {
            throw new IllegalArgumentException("no version at or above " + min);
        }
        return new MigrationProtocol(v);
    }

    public VersionWindow window() {
        return new VersionWindow(versions.firstKey(), versions.lastKey());
    }

    /** The stage table of {@code version}, which must be in the window. */
    public StageTable table(int version) {
        StageTable t = versions.get(version);
        if (t == null) {
            throw new IllegalArgumentException("protocol version " + version + " is not in " + window());
        }
        return t;
    }

    /** Every record type a target must know: baton-migrate's and every stage's. */
    public Map<Integer, String> recordTypes() {
        Map<Integer, String> types = new HashMap<>(RecordTypes.names());
        for (StageTable t : versions.values()) {
            for (Stage s : t.stages()) {
                types.putAll(s.recordTypes());
            }
        }
        return types;
    }

    @Override
    public String toString() {
        return "protocol " + window() + " " + versions;
    }
}
