package dev.baton.core.wire;

/**
 * The CRC-32C of two pieces joined, from the CRC-32C of each and the second's length (zlib's
 * {@code crc32_combine}, for the Castagnoli polynomial): arithmetic on polynomials modulo the
 * CRC's, a few hundred operations whatever the lengths. It lets {@link RecordWriter} checksum a
 * large body chunk by chunk while it copies it, where the octets are still in the cache, and
 * prepend the header, whose length field is known only when the record ends.
 */
final class Crc32cCombine {
    /** The Castagnoli polynomial, bit-reversed, as {@link java.util.zip.CRC32C} computes it. */
    private static final int POLY = 0x82F63B78;
    /** {@code X2N[k]} is x^(2^k) modulo the polynomial. */
    private static final int[] X2N = new int[32];

    static {
        int p = 1 << 30; // x^1
        X2N[0] = p;
        for (int k = 1; k < 32; k++) {
            X2N[k] = p = multiply(p, p);
        }
    }

    private Crc32cCombine() {
    }

    /**
     * The CRC-32C of {@code A} followed by {@code B}.
     *
     * @param crcA    the CRC-32C of {@code A}
     * @param crcB    the CRC-32C of {@code B}
     * @param lengthB octets of {@code B}
     */
    static int combine(int crcA, int crcB, long lengthB) {
        return multiply(xToEightTimes(lengthB), crcA) ^ crcB;
    }

    /** x^(8n) modulo the polynomial: what shifting a CRC past {@code n} octets multiplies it by. */
    private static int xToEightTimes(long n) {
        int p = 1 << 31; // x^0
        for (int k = 3; n != 0; n >>>= 1, k++) {
            if ((n & 1) != 0) {
                p = multiply(X2N[k & 31], p);
            }
        }
        return p;
    }

    /** {@code a * b} modulo the polynomial, in the CRC's bit-reversed representation. */
    private static int multiply(int a, int b) {
        int m = 1 << 31;
        int p = 0;
        for (;;) {
            if ((a & m) != 0) {
                p ^= b;
                if ((a & (m - 1)) == 0) {
                    break;
                }
            }
            m >>>= 1;
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
        return p;
    }
}
