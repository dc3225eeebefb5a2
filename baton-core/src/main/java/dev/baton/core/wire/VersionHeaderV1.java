package dev.baton.core.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.zip.CRC32C;

/**
 * The version 1 header (docs/FORMAT.md, "Version header"). Offsets from the start of the stream:
 *
 * <pre>
 *  16  u32  order_mark      0x0A0B0C0D in the stream's byte order
 *  20  u32  flags           bit 0: per-record CRC32C; bits 1-31 reserved, zero
 *  24  i64  created         milliseconds since 1970-01-01T00:00Z, 0 when unknown
 *  32  u16  producer_name_len
 *  34  u16  producer_version_len
 *  36  u16  profile_len
 *  38  u16  reserved        zero
 *  40  u8[] producer_name, producer_version, profile   (UTF-8, no NUL)
 *   …  u8[] zero padding to a multiple of 8
 *   …  u32  header_crc      CRC32C of octets 0 up to here (preamble included)
 *   …  u32  reserved        zero
 * </pre>
 */
final class VersionHeaderV1 implements VersionHeaderCodec {
    static final VersionHeaderV1 INSTANCE = new VersionHeaderV1();

    static final int ORDER_MARK = 0x0A0B0C0D;
    static final int FLAG_CHECKSUMS = 1;
    static final int FIXED_END = 40;

    private VersionHeaderV1() {
    }

    @Override
    public StreamHeader read(WireInput in, Preamble preamble, int readVersion, StreamLimits limits)
            throws IOException {
        long base = in.offset();
        require(in, FIXED_END, base, "fixed part of the version header");
        ByteBuffer b = in.buffer();
        int p = b.position();
        int mark = b.order(ByteOrder.BIG_ENDIAN).getInt(p + 16);
        ByteOrder order;
        if (mark == ORDER_MARK) {
            order = ByteOrder.BIG_ENDIAN;
        } else if (mark == Integer.reverseBytes(ORDER_MARK)) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else {
            throw StreamFormatException.inHeader(String.format(
                    "bad byte-order mark 0x%08x (expected 0a0b0c0d or 0d0c0b0a)", mark), base + 16);
        }
        in.order(order);
        b = in.buffer();
        int flags = b.getInt(p + 20);
        if ((flags & ~FLAG_CHECKSUMS) != 0) {
            throw StreamFormatException.inHeader(String.format(
                    "reserved flag bits set: 0x%08x (only bit 0, checksums, is defined)", flags), base + 20);
        }
        long createdMillis = b.getLong(p + 24);
        int nameLen = Short.toUnsignedInt(b.getShort(p + 32));
        int versionLen = Short.toUnsignedInt(b.getShort(p + 34));
        int profileLen = Short.toUnsignedInt(b.getShort(p + 36));
        int reserved = Short.toUnsignedInt(b.getShort(p + 38));
        if (reserved != 0) {
            throw StreamFormatException.inHeader(String.format("reserved header field at offset 38 is 0x%04x, not zero",
                    reserved), base + 38);
        }
        checkLength(nameLen, "producer name", limits, base + 32);
        checkLength(versionLen, "producer version", limits, base + 34);
        checkLength(profileLen, "profile name", limits, base + 36);
        int stringsEnd = FIXED_END + nameLen + versionLen + profileLen;
        int padded = RecordFrame.pad8(stringsEnd);
        int total = padded + 8;
        require(in, total, base, "version header (" + Plural.count(total, "octet") + ")");
        b = in.buffer();
        p = b.position();
        int bad = RecordFrame.firstNonZero(b, p + stringsEnd, p + padded);
        if (bad >= 0) {
            throw StreamFormatException.inHeader("non-zero padding in the version header", base + bad - p);
        }
        CRC32C crc = new CRC32C();
        crc.update(b.slice(p, padded));
        int stored = b.getInt(p + padded);
        if (stored != (int) crc.getValue()) {
            throw StreamFormatException.inHeader(String.format(
                    "version header checksum mismatch: stored 0x%08x, computed 0x%08x", stored, (int) crc.getValue()),
                    base + padded);
        }
        if (b.getInt(p + padded + 4) != 0) {
            throw StreamFormatException.inHeader("reserved field after the header checksum is not zero",
                    base + padded + 4);
        }
        String name = string(b, p + FIXED_END, nameLen, "producer name", base + FIXED_END);
        String version = string(b, p + FIXED_END + nameLen, versionLen, "producer version",
                base + FIXED_END + nameLen);
        String profile = string(b, p + FIXED_END + nameLen + versionLen, profileLen, "profile name",
                base + FIXED_END + nameLen + versionLen);
        in.consume(total);
        return new StreamHeader(preamble, readVersion, order, (flags & FLAG_CHECKSUMS) != 0, name, version,
                profile, Instant.ofEpochMilli(createdMillis), total);
    }

    @Override
    public void write(ByteBuffer out, WriterOptions options) {
        int start = out.position();
        new Preamble(options.formatVersion(), StreamVersions.compatVersion(options.formatVersion())).writeTo(out);
        out.order(options.byteOrder());
        out.putInt(ORDER_MARK);
        out.putInt(options.checksums() ? FLAG_CHECKSUMS : 0);
        out.putLong(options.created().toEpochMilli());
        int nameLen = Utf8.encodedLength(options.producerName());
        int versionLen = Utf8.encodedLength(options.producerVersion());
        int profileLen = Utf8.encodedLength(options.profile());
        out.putShort((short) nameLen).putShort((short) versionLen).putShort((short) profileLen).putShort((short) 0);
        Utf8.encode(options.producerName(), out);
        Utf8.encode(options.producerVersion(), out);
        Utf8.encode(options.profile(), out);
        int stringsEnd = out.position() - start;
        for (int i = stringsEnd; i < RecordFrame.pad8(stringsEnd); i++) {
            out.put((byte) 0);
        }
        CRC32C crc = new CRC32C();
        crc.update(out.duplicate().flip().position(start));
        out.putInt((int) crc.getValue()).putInt(0);
    }

    /** Octets the header takes for these options, so the writer can check its buffer once. */
    static int length(WriterOptions options) {
        return RecordFrame.pad8(FIXED_END + Utf8.encodedLength(options.producerName())
                + Utf8.encodedLength(options.producerVersion()) + Utf8.encodedLength(options.profile())) + 8;
    }

    private static void require(WireInput in, int n, long base, String what) throws IOException {
        int have = in.fill(n);
        if (have < n) {
            throw StreamFormatException.inHeader("truncated " + what + ": the stream ends after " + have
                    + " of " + Plural.count(n, "octet"), base + have);
        }
    }

    private static void checkLength(int length, String what, StreamLimits limits, long offset)
            throws StreamFormatException {
        if (length > limits.maxHeaderStringLength()) {
            throw StreamFormatException.inHeader(what + " length " + length + " exceeds the limit of "
                    + limits.maxHeaderStringLength() + " octets", offset);
        }
    }

    private static String string(ByteBuffer b, int at, int length, String what, long offset)
            throws StreamFormatException {
        String s = Utf8.decode(b, at, length);
        if (s == null) {
            throw StreamFormatException.inHeader(what + " is not valid UTF-8", offset);
        }
        if (Utf8.containsNul(b, at, length)) {
            throw StreamFormatException.inHeader(what + " contains a NUL octet", offset);
        }
        return s;
    }
}
