package dev.baton.qemu.vmdesc;

import java.util.Map;

/**
 * How a field's octets are read and shown, by its vmdesc {@code type}. The table is
 * analyze-migration.py's ({@code vmsd_field_readers}), quirks included: {@code "uint8 equal"} and
 * {@code "uint16 equal"} show as signed there, and {@code "int32 le"} ("less or equal", not little
 * endian) is big-endian like every other integer. Any other type is shown as raw octets.
 */
public enum FieldKind {
    /** Big-endian two's complement; negative values show their signed value too. */
    SIGNED,
    UNSIGNED,
    /** First octet non-zero. */
    BOOL,
    /** A nested description: the field's {@code struct}. */
    STRUCT,
    /** A u8-counted name (the configuration's capabilities). */
    CAPABILITY,
    /** QEMU's placeholder for a NULL pointer in an array of pointers: the octet '0'. */
    NULLPTR,
    /** Anything else: {@code size} octets shown as hex. */
    RAW;

    private static final Map<String, FieldKind> TYPES = Map.ofEntries(
            Map.entry("bool", BOOL),
            Map.entry("int8", SIGNED),
            Map.entry("int16", SIGNED),
            Map.entry("int32", SIGNED),
            Map.entry("int32 equal", SIGNED),
            Map.entry("int32 le", SIGNED),
            Map.entry("int64", SIGNED),
            Map.entry("int64 equal", SIGNED),
            Map.entry("uint8 equal", SIGNED),
            Map.entry("uint16 equal", SIGNED),
            Map.entry("uint8", UNSIGNED),
            Map.entry("uint16", UNSIGNED),
            Map.entry("uint32", UNSIGNED),
            Map.entry("uint32 equal", UNSIGNED),
            Map.entry("uint64", UNSIGNED),
            Map.entry("struct", STRUCT),
            Map.entry("capability", CAPABILITY),
            Map.entry("nullptr", NULLPTR));

    /** The kind of a vmdesc type name; {@link #RAW} for every type not in the table. */
    public static FieldKind of(String type) {
        return TYPES.getOrDefault(type, RAW);
    }

    public boolean isInteger() {
        return this == SIGNED || this == UNSIGNED;
    }
}
