package dev.baton.core.wire;

import java.util.List;

/**
 * The one table of stream format versions this build knows: for each, the codec of its version
 * header. A reader looks its negotiated version up here once, after the preamble.
 *
 * <p>Adding a version means adding a row (and a codec); rows are never removed while the version
 * is still readable (docs/FORMAT.md, "Extending the format").
 */
final class StreamVersions {

    /** Format version this build writes by default. */
    static final int CURRENT = 1;

    /** One row per version: its number, the lowest reader version able to read it, its codec. */
    private record Row(int version, int compatVersion, VersionHeaderCodec codec) {
    }

    private static final List<Row> TABLE = List.of(
            new Row(1, 1, VersionHeaderV1.INSTANCE));

    private StreamVersions() {
    }

    static VersionWindow window() {
        return new VersionWindow(TABLE.getFirst().version(), TABLE.getLast().version());
    }

    /** The codec of the header of {@code version}; the caller has negotiated it from the window. */
    static VersionHeaderCodec codec(int version) {
        for (Row row : TABLE) {
            if (row.version() == version) {
                return row.codec();
            }
        }
        throw new IllegalArgumentException("no codec for stream version " + version);
    }

    /** The compat_version a stream written at {@code version} declares. */
    static int compatVersion(int version) {
        for (Row row : TABLE) {
            if (row.version() == version) {
                return row.compatVersion();
            }
        }
        throw new IllegalArgumentException("this build cannot write stream version " + version);
    }
}
