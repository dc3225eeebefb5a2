package dev.baton.xen.libxl;

import dev.baton.core.wire.Plural;
import dev.baton.xen.stream.RecordBody;
import java.io.IOException;

/**
 * One small checker per libxl record type, mirroring the spec: what Xen's verify-stream-v2
 * checks, plus the key alphabet of emulator xenstore data and CHECKPOINT_STATE's control id.
 */
final class LibxlCheckers {
    static final String[] EMULATORS = {"unknown", "qemu traditional", "qemu upstream"};
    static final String[] CONTROL_IDS = {"new checkpoint", "secondary suspended", "secondary ready",
        "secondary resumed"};
    /** Only so many bad key octets of one record are told one by one. */
    static final int MAX_KEY_FAULTS = 3;

    @FunctionalInterface
    interface Checker {
        String check(RecordBody body, String name) throws IOException;
    }

    private LibxlCheckers() {
    }

    /** END, LIBXC_CONTEXT, CHECKPOINT_END: no body. */
    static String empty(RecordBody b, String name) throws IOException {
        if (b.length() != 0) {
            b.lengthProblem(name + " has no body, but its length is " + b.length());
        }
        return name.equals("LIBXC_CONTEXT") ? "a libxc stream follows" : "";
    }

    /** The emulator sub-header: u32 emulator_id, u32 index; null when the body is too short. */
    private static String emulator(RecordBody b, String name) throws IOException {
        if (b.length() < 8) {
            b.lengthProblem(name + " of " + Plural.count(b.length(), "octet")
                    + " is shorter than its emulator_id and index (8)");
            return null;
        }
        long id = b.u32();
        long index = b.u32();
        if (id >= EMULATORS.length) {
            b.problem(0, "unknown emulator_id " + id + " (0 unknown, 1 qemu traditional, 2 qemu upstream)");
            return "emulator " + id + " #" + index;
        }
        return EMULATORS[(int) id] + " #" + index;
    }

    static String emulatorContext(RecordBody b, String name) throws IOException {
        String who = emulator(b, name);
        return who == null ? "" : who + ", " + Plural.count(b.left(), "octet") + " of context";
    }

    /** NUL-terminated key, value pairs; keys of alphanumeric ASCII and -/_@. */
    static String emulatorXenstoreData(RecordBody b, String name) throws IOException {
        String who = emulator(b, name);
        if (who == null || b.left() == 0) {
            return who == null ? "" : who + ", no pairs";
        }
        long strings = 0;
        int last = -1;
        int keyFaults = 0;
        while (b.left() > 0) {
            long pos = b.position();
            last = b.u8();
            if (last == 0) {
                strings++;
            } else if (strings % 2 == 0 && !keyOctet(last) && ++keyFaults <= MAX_KEY_FAULTS) {
                b.problem(pos, String.format("key %d has octet 0x%02x: keys are alphanumeric ASCII and -/_@",
                        strings / 2, last));
            }
        }
        if (last != 0) {
            b.problem(b.length() - 1, "the key/value data does not end in a NUL");
            strings++;
        }
        if (strings % 2 != 0) {
            b.problem(8, "an odd number of strings (" + strings + "): the data is key/value pairs");
        }
        return who + ", " + Plural.count(strings / 2, "key/value pair");
    }

    private static boolean keyOctet(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '/'
                || c == '_' || c == '@';
    }

    /** COLO's control id, u32. */
    static String checkpointState(RecordBody b, String name) throws IOException {
        if (b.length() == 0) {
            b.lengthProblem("CHECKPOINT_STATE is empty: it carries a control_id");
            return "";
        }
        if (b.length() < 4) {
            b.lengthProblem("CHECKPOINT_STATE of " + Plural.count(b.length(), "octet")
                    + " is shorter than its control_id (4)");
            return "";
        }
        long id = b.u32();
        if (id >= CONTROL_IDS.length) {
            b.problem(0, "unknown control_id " + id + " (0 to 3 are defined)");
            return "control_id " + id;
        }
        return CONTROL_IDS[(int) id];
    }
}
