package dev.baton.core.wire;

/**
 * Record framing arithmetic (docs/FORMAT.md, "Records"):
 *
 * <pre>
 *   0  u32  type
 *   4  u32  length        of the body, padding and trailer excluded
 *   8  u8[length] body
 *      u8[0-7]  zero padding to a multiple of 8
 *      with the checksums flag: u32 crc32c of type, length, body and padding; u32 zero
 * </pre>
 */
final class Frame {
    static final int HEADER = 8;
    static final int TRAILER = 8;

    private Frame() {
    }

    /** {@code n} rounded up to a multiple of 8. */
    static int pad8(int n) {
        return (n + 7) & ~7;
    }

    /** Octets of zero padding after a body of {@code length}. */
    static int padding(int length) {
        return -length & 7;
    }

    /** Octets a record with a body of {@code length} takes on the wire. */
    static long size(long length, boolean checksums) {
        return HEADER + ((length + 7) & ~7L) + (checksums ? TRAILER : 0);
    }
}
