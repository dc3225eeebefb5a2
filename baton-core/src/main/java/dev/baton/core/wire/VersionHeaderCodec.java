package dev.baton.core.wire;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Reads and writes the version header of one stream format version (the part after the preamble). */
interface VersionHeaderCodec {

    /**
     * Reads the version header; the preamble has been read but not consumed from {@code in}.
     * On return the whole header, preamble included, is consumed and the input's byte order set.
     */
    StreamHeader read(WireInput in, Preamble preamble, int readVersion, StreamLimits limits) throws IOException;

    /** Writes preamble and version header at the buffer's position, and sets the buffer's byte order. */
    void write(ByteBuffer out, WriterOptions options);
}
