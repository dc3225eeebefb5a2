package dev.baton.qemu.vmdesc;

import dev.baton.core.wire.Plural;
import dev.baton.core.wire.Problems;
import dev.baton.qemu.savevm.SavevmInput;
import dev.baton.qemu.vmdesc.StateValue.BoolValue;
import dev.baton.qemu.vmdesc.StateValue.BytesValue;
import dev.baton.qemu.vmdesc.StateValue.IntValue;
import dev.baton.qemu.vmdesc.StateValue.NullPointer;
import dev.baton.qemu.vmdesc.StateValue.StructValue;
import dev.baton.qemu.vmdesc.StateValue.TextValue;
import java.io.IOException;

/**
 * Decodes a section payload through its vmdesc description, the way QEMU's loader walks a
 * VMStateDescription (migration/vmstate.c, {@code vmstate_load_state}): the fields in order, each
 * {@code array_len} times, then the subsections that were written, each introduced by 0x05, its
 * counted name and a be32 version.
 *
 * <p>Beyond what analyze-migration.py does, it checks each subsection's name, version and prefix
 * against the description, and each struct's octet count against its {@code size}; those
 * problems are reported to {@code problems} (decoding goes on: the layout is the vmdesc's). A
 * missing subsection marker, a truncated field or a bad NULL marker end decoding.
 */
public final class FieldDecoder {
    /** Decoded values a stream may hold before it is refused; real VMs have tens of thousands. */
    public static final int DEFAULT_MAX_VALUES = 1_000_000;

    private final SavevmInput in;
    private final Problems problems;
    private final int maxValues;
    private int values;

    public FieldDecoder(SavevmInput in, Problems problems, int maxValues) {
        this.in = in;
        this.problems = problems;
        this.maxValues = maxValues;
    }

    /** Values decoded so far. */
    public int values() {
        return values;
    }

    /** Decodes one section (or the configuration) whose payload {@code desc} describes. */
    public StructValue section(StructDesc desc) throws IOException {
        return struct(desc, "");
    }

    private StructValue struct(StructDesc desc, String path) throws IOException {
        StructValue out = new StructValue();
        for (FieldDesc f : desc.fields()) {
            for (int i = 0; i < f.arrayLen(); i++) {
                String where = path + f.name() + (f.arrayLen() > 1 ? "[" + i + "]" : f.index() >= 0 ? "[" + f.index() + "]" : "");
                out.putField(f.name(), field(f, where));
            }
        }
        for (StructDesc sub : desc.subsections()) {
            out.putSubsection(subsectionHeader(desc, sub, path), struct(sub, path + sub.vmsdName() + "/"));
        }
        return out;
    }

    /** Reads a subsection's header and checks it against the description; returns its name. */
    private String subsectionHeader(StructDesc parent, StructDesc sub, String path) throws IOException {
        long at = in.offset();
        String where = "subsection '" + sub.vmsdName() + "'" + (path.isEmpty() ? "" : " in '" + path + "'");
        int marker = in.u8("subsection marker");
        if (marker != 0x05) {
            throw in.errorAt(at, where, String.format(
                    "the vmdesc lists this subsection, but the stream has octet 0x%02x instead of 0x05", marker));
        }
        String name = in.counted("subsection name");
        long version = in.be32("subsection version");
        if (!name.equals(sub.vmsdName())) {
            problems.report(in.errorAt(at, where, "the stream has subsection '" + name
                    + "' where the vmdesc lists '" + sub.vmsdName() + "'"));
        } else if (sub.version() >= 0 && version != sub.version()) {
            problems.report(in.errorAt(at, where, "version " + version + " in the stream, "
                    + sub.version() + " in the vmdesc"));
        }
        if (!parent.vmsdName().isEmpty() && !name.startsWith(parent.vmsdName())) {
            // QEMU's loader stops at a subsection whose name does not start with its parent's
            problems.report(in.errorAt(at, where, "subsection '" + name + "' does not start with its parent's name '"
                    + parent.vmsdName() + "': QEMU would not load it"));
        }
        return name;
    }

    private StateValue field(FieldDesc f, String where) throws IOException {
        if (++values > maxValues) {
            throw in.errorAt(in.offset(), "field '" + where + "'",
                    "more than " + maxValues + " decoded values: the vmdesc describes more state than Baton holds");
        }
        long at = in.offset();
        FieldKind kind = FieldKind.of(f.type());
        return switch (kind) {
            case STRUCT -> {
                StructValue v = struct(f.struct(), where + "/");
                long used = in.offset() - at;
                if (used != f.size()) {
                    problems.report(in.errorAt(at, "field '" + where + "'", "struct took "
                            + Plural.count(used, "octet") + ", the vmdesc says " + f.size()));
                }
                yield v;
            }
            case SIGNED, UNSIGNED -> integer(f, kind == FieldKind.SIGNED, where);
            case BOOL -> {
                if (f.size() < 1) {
                    throw in.errorAt(at, "field '" + where + "'", "bool of size 0");
                }
                byte[] b = raw(f, where);
                yield new BoolValue(b[0] != 0);
            }
            case CAPABILITY -> new TextValue(in.counted("capability"));
            case NULLPTR -> {
                byte[] b = raw(f, where);
                if (b.length != 1 || b[0] != '0') {
                    throw in.errorAt(at, "field '" + where + "'", "NULL pointer marker is not the octet '0'");
                }
                yield new NullPointer();
            }
            case RAW -> new BytesValue(raw(f, where));
        };
    }

    private IntValue integer(FieldDesc f, boolean signed, String where) throws IOException {
        int size = (int) f.size();
        in.need(size, "field '" + where + "'");
        long bits = 0;
        for (int i = 0; i < size; i++) {
            bits = bits << 8 | in.u8("field");
        }
        return new IntValue(bits, size, signed);
    }

    private byte[] raw(FieldDesc f, String where) throws IOException {
        long remaining = in.remaining();
        if (remaining >= 0 && f.size() > remaining) {
            throw in.errorAt(in.offset(), "field '" + where + "'", "the vmdesc says "
                    + Plural.count(f.size(), "octet") + ", only " + remaining + " left in the stream");
        }
        return in.bytes((int) f.size(), "field '" + where + "'");
    }
}
