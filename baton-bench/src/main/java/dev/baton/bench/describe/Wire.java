package dev.baton.bench.describe;

import dev.baton.core.describe.FieldKind;
import dev.baton.core.describe.SectionInput;
import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.Utf8;

/** The few octet layouts that the hand-written ("wire only") savers and loaders share. */
final class Wire {
    private Wire() {
    }

    /** A string as a description's string field writes it: u32 length, then UTF-8. */
    static void string(BodyWriter out, String s) {
        out.putUtf8WithLength(s);
    }

    /**
     * A string that may be null, as an nstring field writes it: a bool (its null marker), then the
     * string when it is not null.
     */
    static void optionalString(BodyWriter out, String s) {
        out.putBoolean(s != null);
        if (s != null) {
            string(out, s);
        }
    }

    static String optionalString(SectionInput in) throws StreamFormatException {
        return bool(in) ? in.string() : null;
    }

    /** A bool octet, refusing anything but 0 and 1 as a description does. */
    static boolean bool(SectionInput in) throws StreamFormatException {
        return in.integer(FieldKind.BOOL) != 0;
    }

    /** The end of a description's data: no subsections, a 0 octet. */
    static void end(SectionInput in) throws StreamFormatException {
        int mark = in.u8();
        if (mark != 0) {
            throw in.error("subsection marker " + mark + " where the data should end");
        }
    }

    /** An enum's id, refused when it names no constant. */
    static <E extends Enum<E>> E enumeration(SectionInput in, E[] constants) throws StreamFormatException {
        long at = in.offset();
        int id = in.s32();
        if (id < 0 || id >= constants.length) {
            throw in.errorAt(at, "bad enum id " + id);
        }
        return constants[id];
    }
}
