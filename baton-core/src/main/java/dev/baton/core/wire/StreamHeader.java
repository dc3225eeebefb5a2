package dev.baton.core.wire;

import java.nio.ByteOrder;
import java.time.Instant;

/**
 * What a reader learned from a stream's preamble and version header.
 *
 * @param preamble        the preamble as written
 * @param readVersion     the version the stream is read at, negotiated from the reader's window
 * @param byteOrder       byte order of everything after the preamble
 * @param checksums       whether every record carries a CRC32C trailer
 * @param producerName    the program that wrote the stream, e.g. {@code baton-store}
 * @param producerVersion its version, e.g. {@code 1.2.0}
 * @param profile         the release profile the stream was written for, empty when none
 * @param created         when the stream was written; {@link Instant#EPOCH} when unknown
 * @param length          octets taken by preamble and version header together
 */
public record StreamHeader(Preamble preamble, int readVersion, ByteOrder byteOrder, boolean checksums,
        String producerName, String producerVersion, String profile, Instant created, int length) {

    /** "name version", or just the name when the version is empty. */
    public String producer() {
        return producerVersion.isEmpty() ? producerName : producerName + " " + producerVersion;
    }
}
