package dev.baton.core.wire;

/**
 * Upper bounds a reader enforces before it allocates anything, so that a hostile length field
 * is refused by a limit instead of running the process out of memory.
 *
 * @param maxRecordLength       largest record body accepted, in octets (default 128 MiB)
 * @param maxIdstrLength        largest section idstr, in octets of UTF-8 (default 256)
 * @param maxHeaderStringLength largest producer name, producer version or profile name (default 1024)
 */
public record StreamLimits(int maxRecordLength, int maxIdstrLength, int maxHeaderStringLength) {

    /** The defaults: 128 MiB records, 256-octet idstrs, 1 KiB header strings. */
    public static final StreamLimits DEFAULT = new StreamLimits(128 << 20, 256, 1024);

    public StreamLimits {
        if (maxRecordLength < 0 || maxIdstrLength < 1 || maxIdstrLength > 0xFFFF
                || maxHeaderStringLength < 0 || maxHeaderStringLength > 0xFFFF) {
            throw new IllegalArgumentException("limits out of range: " + maxRecordLength + ", "
                    + maxIdstrLength + ", " + maxHeaderStringLength);
        }
        // Every record, padded and with its checksum trailer, must still fit an int-sized buffer.
        if (maxRecordLength > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("maxRecordLength too large: " + maxRecordLength);
        }
    }

    public StreamLimits withMaxRecordLength(int length) {
        return new StreamLimits(length, maxIdstrLength, maxHeaderStringLength);
    }
}
