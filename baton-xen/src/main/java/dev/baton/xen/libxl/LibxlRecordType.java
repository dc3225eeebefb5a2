package dev.baton.xen.libxl;

/** The libxl record types (libxl-migration-stream.pandoc, "Records"), each with its body checker. */
public enum LibxlRecordType {
    END(0, LibxlCheckers::empty),
    LIBXC_CONTEXT(1, LibxlCheckers::empty),
    EMULATOR_XENSTORE_DATA(2, LibxlCheckers::emulatorXenstoreData),
    EMULATOR_CONTEXT(3, LibxlCheckers::emulatorContext),
    CHECKPOINT_END(4, LibxlCheckers::empty),
    CHECKPOINT_STATE(5, LibxlCheckers::checkpointState);

    private static final LibxlRecordType[] BY_CODE = values();

    private final int code;
    private final LibxlCheckers.Checker checker;

    LibxlRecordType(int code, LibxlCheckers.Checker checker) {
        this.code = code;
        this.checker = checker;
    }

    public int code() {
        return code;
    }

    LibxlCheckers.Checker checker() {
        return checker;
    }

    /** The type with this number, or null for one the spec does not define. */
    public static LibxlRecordType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The type's name, or its number in hex. */
    public static String name(int code) {
        LibxlRecordType t = of(code);
        return t != null ? t.name() : String.format("0x%08x", code);
    }
}
