package dev.baton.qemu.vmdesc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoded piece of device state. Values keep their octets, not their text: the text
 * (analyze-migration.py's formatting, see {@link IntValue#text()} and {@link BytesValue#text()}) is
 * made when it is written out, so a large buffer costs its size once.
 */
public sealed interface StateValue {

    /** An integer of 1 to 8 octets. */
    record IntValue(long bits, int size, boolean signed) implements StateValue {
        /** The value as a Java long: sign-extended when signed (a uint64 above 2^63 - 1 comes out negative). */
        public long value() {
            int shift = 64 - 8 * size;
            return signed ? (bits << shift) >> shift : bits;
        }

        /**
         * {@code 0x} and {@code 2*size} hex digits; a negative signed value is followed by its
         * decimal value in parentheses, e.g. {@code "0xffffffff (-1)"}.
         */
        public String text() {
            String hex = Long.toHexString(bits);
            StringBuilder sb = new StringBuilder(2 + 2 * size + 24).append("0x");
            for (int i = hex.length(); i < 2 * size; i++) {
                sb.append('0');
            }
            sb.append(hex);
            long v = value();
            if (signed && v < 0) {
                sb.append(" (").append(v).append(')');
            }
            return sb.toString();
        }
    }

    record BoolValue(boolean value) implements StateValue {
    }

    /** Raw octets, shown as two-digit hex separated by spaces. */
    record BytesValue(byte[] octets) implements StateValue {
        public String text() {
            if (octets.length == 0) {
                return "";
            }
            HexFormat hex = HexFormat.of();
            StringBuilder sb = new StringBuilder(octets.length * 3 - 1);
            for (int i = 0; i < octets.length; i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                hex.toHexDigits(sb, octets[i]);
            }
            return sb.toString();
        }
    }

    /** QEMU's NULL pointer marker, shown as {@code "nullptr"}. */
    record NullPointer() implements StateValue {
    }

    /** A name, such as a capability. */
    record TextValue(String text) implements StateValue {
    }

    /**
     * A struct: fields and subsections by name, in stream order. A name met again (the elements of
     * an array, each described by its own entry or by one {@code array_len}) turns the entry into a
     * list, exactly as analyze-migration.py does.
     */
    final class StructValue implements StateValue {
        private final Map<String, StateValue> entries = new LinkedHashMap<>();

        /** Adds a field's value, merging repeated names into a list. */
        public void putField(String name, StateValue value) {
            StateValue before = entries.get(name);
            if (before == null) {
                entries.put(name, value);
            } else if (before instanceof ListValue list) {
                list.add(value);
            } else {
                ListValue list = new ListValue();
                list.add(before);
                list.add(value);
                entries.put(name, list);
            }
        }

        /** Adds a subsection; a name met again replaces the earlier value in its place. */
        public void putSubsection(String name, StructValue value) {
            entries.put(name, value);
        }

        public Map<String, StateValue> entries() {
            return Collections.unmodifiableMap(entries);
        }

        public StateValue get(String name) {
            return entries.get(name);
        }
    }

    /** The elements that share one field name. */
    final class ListValue implements StateValue {
        private final List<StateValue> items = new ArrayList<>();

        void add(StateValue v) {
            items.add(v);
        }

        public List<StateValue> items() {
            return Collections.unmodifiableList(items);
        }
    }
}
