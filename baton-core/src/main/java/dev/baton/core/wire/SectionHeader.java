package dev.baton.core.wire;

import java.nio.ByteBuffer;

/**
 * The header of a SECTION record's body, and the section data that follows it.
 *
 * <pre>
 *   0  u32  instance_id
 *   4  u32  section_version
 *   8  u16  idstr_len       1 .. limit (default 256)
 *  10  u8[] idstr           UTF-8, no NUL
 *   …  section data, to the end of the body
 * </pre>
 *
 * @param idstr      the section's name
 * @param instanceId which instance of the section
 * @param version    the section's version as written (unsigned)
 * @param data       the section data, in the stream's byte order; valid until the reader moves on
 */
public record SectionHeader(String idstr, int instanceId, int version, ByteBuffer data) {

    /** Octets of the fixed part before the idstr. */
    public static final int FIXED = 10;

    /** "idstr/instance", the usual way to name a section instance in messages. */
    public String name() {
        return idstr + "/" + Integer.toUnsignedString(instanceId);
    }

    /** Parses the header at the start of a SECTION body; errors are located by the record. */
    static SectionHeader parse(ByteBuffer body, Record record, StreamLimits limits) throws StreamFormatException {
        int length = body.remaining();
        int p = body.position();
        if (length < FIXED) {
            throw record.error("SECTION body of " + length + " octets is shorter than its " + FIXED
                    + "-octet header", 0);
        }
        int instance = body.getInt(p);
        int version = body.getInt(p + 4);
        int idLength = Short.toUnsignedInt(body.getShort(p + 8));
        if (idLength == 0) {
            throw record.error("SECTION has an empty idstr", 8);
        }
        if (idLength > limits.maxIdstrLength()) {
            throw record.error("idstr length " + idLength + " exceeds the limit of " + limits.maxIdstrLength()
                    + " octets", 8);
        }
        if (idLength > length - FIXED) {
            throw record.error("idstr length " + idLength + " runs past the end of the SECTION body ("
                    + length + " octets)", 8);
        }
        String idstr = Utf8.decode(body, p + FIXED, idLength);
        if (idstr == null) {
            throw record.error("idstr is not valid UTF-8", FIXED);
        }
        ByteBuffer data = body.slice(p + FIXED + idLength, length - FIXED - idLength).order(body.order());
        return new SectionHeader(idstr, instance, version, data);
    }
}
