package dev.baton.core.wire;

/**
 * The header at the start of a SECTION record's body: which section instance the data belongs
 * to and at which version it was written. The section data follows it to the end of the body.
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
 * @param instanceId which instance of the section (unsigned)
 * @param version    the section's version as written (unsigned)
 * @param dataLength octets of section data after the header
 */
public record SectionHeader(String idstr, int instanceId, int version, int dataLength) {

    /** Octets of the fixed part before the idstr. */
    public static final int FIXED = 10;

    /** "idstr/instance", the usual way to name a section instance in messages. */
    public String name() {
        return idstr + "/" + Integer.toUnsignedString(instanceId);
    }

    /** Offset of the section data within the record body. */
    public int dataOffset() {
        return FIXED + Utf8.encodedLength(idstr);
    }

    /**
     * Parses the header of the SECTION body of {@code record}, reading only its first octets
     * (at least {@code min(length, FIXED + idstr_len)}) through {@code peek}.
     */
    static SectionHeader parse(StreamRecord record, StreamLimits limits, Peek peek) throws java.io.IOException {
        int length = record.length();
        if (length < FIXED) {
            throw record.error("SECTION body of " + Plural.count(length, "octet") + " is shorter than its " + FIXED
                    + "-octet header", 0);
        }
        ByteCursor fixed = peek.first(FIXED);
        int instance = fixed.s32();
        int version = fixed.s32();
        int idLength = fixed.u16();
        if (idLength == 0) {
            throw record.error("SECTION has an empty idstr", 8);
        }
        if (idLength > limits.maxIdstrLength()) {
            throw record.error("idstr length " + idLength + " exceeds the limit of " + limits.maxIdstrLength()
                    + " octets", 8);
        }
        if (idLength > length - FIXED) {
            throw record.error("idstr length " + idLength + " runs past the end of the SECTION body ("
                    + Plural.count(length, "octet") + ")", 8);
        }
        String idstr = peek.first(FIXED + idLength).utf8(FIXED, idLength);
        if (idstr == null) {
            throw record.error("idstr is not valid UTF-8", FIXED);
        }
        if (idstr.indexOf('\0') >= 0) {
            throw record.error("idstr contains a NUL octet", FIXED);
        }
        return new SectionHeader(idstr, instance, version, length - FIXED - idLength);
    }

    /** Access to the first octets of a body without reading all of it: index 0 is the body's first octet. */
    interface Peek {
        ByteCursor first(int n) throws java.io.IOException;
    }
}
