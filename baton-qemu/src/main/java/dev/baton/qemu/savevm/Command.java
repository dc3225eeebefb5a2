package dev.baton.qemu.savevm;

import java.util.HexFormat;

/**
 * A COMMAND record: a u16 command, a u16 length and that many octets of data
 * (migration/savevm.c, {@code qemu_savevm_command_send}).
 *
 * @param offset stream offset of the record's type octet
 * @param code   the command number
 * @param data   its data
 */
public record Command(long offset, int code, byte[] data) {

    /** QEMU's command names, indexed by number ({@code enum qemu_vm_cmd}). */
    private static final String[] NAMES = {
        "INVALID", "OPEN_RETURN_PATH", "PING", "POSTCOPY_ADVISE", "POSTCOPY_LISTEN", "POSTCOPY_RUN",
        "POSTCOPY_RAM_DISCARD", "PACKAGED", "ENABLE_COLO", "POSTCOPY_RESUME", "RECV_BITMAP",
        "SWITCHOVER_START"
    };
    /**
     * Data length each command must have, -1 when it varies (QEMU's {@code mig_cmd_args}). INVALID
     * is refused whatever its length.
     */
    private static final int[] LENGTHS = {-1, 0, 4, -1, 0, 0, -1, 4, 0, 0, -1, 0};

    public static final int OPEN_RETURN_PATH = 1;
    public static final int POSTCOPY_ADVISE = 3;
    public static final int POSTCOPY_RAM_DISCARD = 6;
    public static final int PACKAGED = 7;
    public static final int RECV_BITMAP = 10;
    public static final int SWITCHOVER_START = 11;

    /** The command's name, or {@code UNKNOWN(n)}. */
    public static String name(int code) {
        return code >= 0 && code < NAMES.length ? NAMES[code] : "UNKNOWN(" + code + ")";
    }

    public String name() {
        return name(code);
    }

    /** True when QEMU knows this command number (INVALID excluded). */
    static boolean known(int code) {
        return code > 0 && code < NAMES.length;
    }

    /** The fixed data length of a known command, or -1 when it may vary. */
    static int fixedLength(int code) {
        return LENGTHS[code];
    }

    @Override
    public String toString() {
        return name() + (data.length == 0 ? "" : " " + HexFormat.of().formatHex(data));
    }
}
