package dev.baton.qemu.analyze;

import dev.baton.qemu.savevm.RamBlock;
import dev.baton.qemu.savevm.SavevmStream;
import dev.baton.qemu.savevm.Section;
import dev.baton.qemu.vmdesc.StateValue;
import dev.baton.qemu.vmdesc.StateValue.BoolValue;
import dev.baton.qemu.vmdesc.StateValue.BytesValue;
import dev.baton.qemu.vmdesc.StateValue.IntValue;
import dev.baton.qemu.vmdesc.StateValue.ListValue;
import dev.baton.qemu.vmdesc.StateValue.NullPointer;
import dev.baton.qemu.vmdesc.StateValue.StructValue;
import dev.baton.qemu.vmdesc.StateValue.TextValue;
import java.io.IOException;
import java.io.Writer;
import java.util.HexFormat;
import java.util.Map;

/**
 * The state dump of analyze-migration.py ({@code -d state}, and {@code state.json} of {@code -x}):
 * one key per section, {@code "idstr (section id)"}, in the order sections first appeared; the RAM
 * section as its {@code "section sizes"}; device state as decoded, integers as {@code 0x}-prefixed
 * hex of the field's width (with the signed value after negative ones), other octets as
 * space-separated hex, bools as JSON booleans.
 */
public final class StateJson {
    private static final HexFormat HEX = HexFormat.of();

    private StateJson() {
    }

    /**
     * Writes the whole state object (no newline after it).
     *
     * @param memory the {@code "memory"} entries of the RAM section ({@code -m}), or {@code null}
     */
    public static void write(SavevmStream stream, PythonJsonWriter w, RamMemory memory) throws IOException {
        w.beginObject();
        for (Section s : stream.sections().values()) {
            w.key(s.header().key());
            if (s.isRam()) {
                w.beginObject().key("section sizes").beginObject();
                for (RamBlock b : s.ram().blocks()) {
                    w.key(b.name()).value(String.format("0x%016x", b.length()));
                }
                w.endObject();
                if (memory != null) {
                    w.key("memory");
                    memory.write(w);
                }
                w.endObject();
            } else {
                value(s.state(), w);
            }
        }
        w.endObject();
    }

    // An instanceof chain, not a pattern switch: a switch over types is bootstrapped through
    // invokedynamic at its first run, which spins method-handle classes the JDK's AOT cache does
    // not keep (docs/PERFORMANCE.md, QEMU streams); the order puts the commonest kinds first.
    static void value(StateValue v, PythonJsonWriter w) throws IOException {
        if (v instanceof IntValue i) {
            w.value(i.text());
        } else if (v instanceof StructValue s) {
            w.beginObject();
            for (Map.Entry<String, StateValue> e : s.entries().entrySet()) {
                w.key(e.getKey());
                value(e.getValue(), w);
            }
            w.endObject();
        } else if (v instanceof ListValue l) {
            w.beginArray();
            for (StateValue item : l.items()) {
                value(item, w);
            }
            w.endArray();
        } else if (v instanceof BytesValue b) {
            hex(b.octets(), w);
        } else if (v instanceof BoolValue b) {
            w.value(b.value());
        } else if (v instanceof TextValue t) {
            w.value(t.text());
        } else if (v instanceof NullPointer) {
            w.value("nullptr");
        } else {
            throw new IllegalArgumentException("no JSON for " + v.getClass().getSimpleName());
        }
    }

    /** Octets as {@code "00 1f ..."}, written straight out (buffers can be large). */
    static void hex(byte[] octets, PythonJsonWriter w) throws IOException {
        Writer out = w.beginString();
        for (int i = 0; i < octets.length; i++) {
            if (i > 0) {
                out.write(' ');
            }
            out.write(HEX.toHexDigits(octets[i]));
        }
        w.endString();
    }
}
