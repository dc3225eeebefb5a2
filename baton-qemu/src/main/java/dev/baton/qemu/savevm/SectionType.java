package dev.baton.qemu.savevm;

/**
 * The one-octet record types of a QEMU savevm stream (migration/savevm.c, {@code QEMU_VM_*}).
 *
 * <p>START and FULL carry a full header (section id, idstr, instance id, version id); PART and END
 * only the section id. Each of the four is followed by its payload and, since QEMU 2.4 machine
 * types, a FOOTER repeating the section id. SUBSECTION appears only inside a payload.
 */
public enum SectionType {
    EOF(0x00),
    START(0x01),
    PART(0x02),
    END(0x03),
    FULL(0x04),
    SUBSECTION(0x05),
    VMDESCRIPTION(0x06),
    CONFIGURATION(0x07),
    COMMAND(0x08),
    FOOTER(0x7E);

    /** "QEVM": the first four octets of every stream. */
    public static final int MAGIC = 0x5145564D;
    /** The only version QEMU has written since 2009; 2 is refused by QEMU itself as obsolete. */
    public static final int VERSION = 3;

    private final int code;

    SectionType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with this code, or {@code null}. */
    public static SectionType of(int code) {
        for (SectionType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** True for the four types that open a section payload. */
    public boolean isSection() {
        return this == START || this == PART || this == END || this == FULL;
    }

    /** True for the two types whose header names the section. */
    public boolean hasFullHeader() {
        return this == START || this == FULL;
    }
}
