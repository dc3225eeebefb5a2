package dev.baton.core.describe;

/**
 * The kinds of field a description can hold, with their names in the JSON self-description
 * (docs/FORMAT.md, "Section data"). Fixed-size scalars carry their size in octets.
 */
public enum FieldKind {
    BOOL("bool", 1), U8("u8", 1), U16("u16", 2), U32("u32", 4), U64("u64", 8),
    S8("s8", 1), S16("s16", 2), S32("s32", 4), S64("s64", 8), F32("f32", 4), F64("f64", 8),
    STRING("string", 4), BYTES("bytes", 0), VBYTES("vbytes", 0),
    ARRAY("array", 0), VARRAY("varray", 0),
    STRUCT("struct", 0), VSTRUCT("vstruct", 4), NULLABLE("nullable", 1),
    LIST("list", 4), MAP("map", 4), ENUM("enum", 4), UNUSED("unused", 0),
    // new kinds go last: isScalar and isInteger test ordinals
    NSTRING("nstring", 1), STRINGS("strings", 4);

    private final String jsonName;
    private final int size;

    FieldKind(String jsonName, int size) {
        this.jsonName = jsonName;
        this.size = size;
    }

    /** The name used in JSON descriptions. */
    public String jsonName() {
        return jsonName;
    }

    /** Octets on the wire for scalars; the fixed prefix (count, marker, version) for others. */
    public int size() {
        return size;
    }

    public boolean isScalar() {
        return ordinal() <= F64.ordinal();
    }

    public boolean isInteger() {
        return ordinal() >= U8.ordinal() && ordinal() <= S64.ordinal();
    }

    public static FieldKind ofJson(String name) {
        for (FieldKind k : values()) {
            if (k.jsonName.equals(name)) {
                return k;
            }
        }
        return null;
    }
}
