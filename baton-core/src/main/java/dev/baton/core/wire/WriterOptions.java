package dev.baton.core.wire;

import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Objects;

/**
 * How a {@link RecordWriter} writes: byte order, checksums, who the producer is, the release
 * profile, and the format version. Immutable; start from {@link #defaults()} and change with the
 * {@code with…} methods.
 *
 * @param byteOrder       byte order of everything after the preamble
 * @param checksums       whether every record gets a CRC32C trailer
 * @param producerName    the writing program, e.g. {@code baton-store}
 * @param producerVersion its version, e.g. {@code 1.2.0}
 * @param profile         the release profile the stream is written for; empty for none
 * @param created         creation time written in the header
 * @param formatVersion   the stream format version to write
 * @param limits          the largest record and idstr the writer accepts (same limits as readers)
 * @param bufferSize      size of the writer's buffer; records are written to the channel in
 *                        batches of about this size
 */
public record WriterOptions(ByteOrder byteOrder, boolean checksums, String producerName, String producerVersion,
        String profile, Instant created, int formatVersion, StreamLimits limits, int bufferSize) {

    public WriterOptions {
        Objects.requireNonNull(byteOrder, "byteOrder");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(limits, "limits");
        checkHeaderString(producerName, "producerName", limits);
        checkHeaderString(producerVersion, "producerVersion", limits);
        checkHeaderString(profile, "profile", limits);
        StreamVersions.compatVersion(formatVersion); // refuses versions this build cannot write
        if (bufferSize < 4096 || bufferSize % 8 != 0) {
            throw new IllegalArgumentException("bufferSize must be a multiple of 8 of at least 4096: " + bufferSize);
        }
    }

    /** Big-endian, no checksums, producer "baton", no profile, created now, current format version. */
    public static WriterOptions defaults() {
        return new WriterOptions(ByteOrder.BIG_ENDIAN, false, "baton", "", "", Instant.now(),
                StreamVersions.CURRENT, StreamLimits.DEFAULT, 256 * 1024);
    }

    /** The compat_version the preamble declares for {@link #formatVersion()}, from the version table. */
    public int compatVersion() {
        return StreamVersions.compatVersion(formatVersion);
    }

    public WriterOptions withByteOrder(ByteOrder order) {
        return new WriterOptions(order, checksums, producerName, producerVersion, profile, created, formatVersion,
                limits, bufferSize);
    }

    public WriterOptions withChecksums(boolean on) {
        return new WriterOptions(byteOrder, on, producerName, producerVersion, profile, created, formatVersion,
                limits, bufferSize);
    }

    public WriterOptions withProducer(String name, String version) {
        return new WriterOptions(byteOrder, checksums, name, version, profile, created, formatVersion, limits,
                bufferSize);
    }

    public WriterOptions withProfile(String releaseProfile) {
        return new WriterOptions(byteOrder, checksums, producerName, producerVersion, releaseProfile, created,
                formatVersion, limits, bufferSize);
    }

    public WriterOptions withCreated(Instant time) {
        return new WriterOptions(byteOrder, checksums, producerName, producerVersion, profile, time, formatVersion,
                limits, bufferSize);
    }

    public WriterOptions withFormatVersion(int version) {
        return new WriterOptions(byteOrder, checksums, producerName, producerVersion, profile, created, version,
                limits, bufferSize);
    }

    public WriterOptions withLimits(StreamLimits newLimits) {
        return new WriterOptions(byteOrder, checksums, producerName, producerVersion, profile, created, formatVersion,
                newLimits, bufferSize);
    }

    public WriterOptions withBufferSize(int size) {
        return new WriterOptions(byteOrder, checksums, producerName, producerVersion, profile, created, formatVersion,
                limits, size);
    }

    private static void checkHeaderString(String s, String what, StreamLimits limits) {
        Objects.requireNonNull(s, what);
        if (Utf8.containsNul(s)) {
            throw new IllegalArgumentException(what + " contains NUL");
        }
        int length = Utf8.encodedLength(s);
        if (length > limits.maxHeaderStringLength()) {
            throw new IllegalArgumentException(what + " takes " + Plural.count(length, "octet")
                    + ", above the limit of "
                    + limits.maxHeaderStringLength());
        }
    }
}
