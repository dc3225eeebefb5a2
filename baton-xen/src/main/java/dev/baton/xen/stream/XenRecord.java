package dev.baton.xen.stream;

/**
 * A record of a libxc or libxl stream as a listing shows it, once checked.
 *
 * @param layer  "libxc" or "libxl"
 * @param index  the record's index in its layer, 0 first
 * @param offset absolute offset of the record header
 * @param type   the type number
 * @param name   the type's name in the spec, or the number in hex for an unknown type
 * @param length the body length, padding excluded
 * @param detail what the body says, in words (empty when nothing is worth saying)
 */
public record XenRecord(String layer, long index, long offset, int type, String name, long length, String detail) {

    /** Bit 31: a record a reader may skip when it does not know it. */
    public static final int OPTIONAL = 0x8000_0000;

    public boolean optional() {
        return (type & OPTIONAL) != 0;
    }
}
