package dev.baton.core.compat;

import dev.baton.core.compat.Finding.Direction;
import dev.baton.core.compat.Finding.Kind;
import dev.baton.core.compat.Finding.Severity;
import dev.baton.core.compat.Schema.Description;
import dev.baton.core.compat.Schema.Entry;
import dev.baton.core.compat.Schema.Field;
import dev.baton.core.describe.FieldKind;
import dev.baton.core.describe.Pins;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares the descriptions of two releases without running either (QEMU's
 * vmstate-static-checker.py, for Baton's own descriptions): can OLD's streams be loaded by NEW
 * (forward), and can NEW write, under OLD's release profile, what OLD loads (backward)?
 *
 * <p>Each direction is checked as the data would flow: the writer's fields present at the
 * version it writes, against the reader's fields at that version, position by position;
 * nested descriptions recursively; subsections the reader does not know, unless the profile
 * gates them off.
 */
public final class CompatibilityChecker {
    private final Schema oldSchema;
    private final Schema newSchema;
    private final String profile;

    /**
     * @param profile the release profile NEW writes with for the backward check (OLD's release),
     *                or null for NEW's defaults
     */
    public CompatibilityChecker(Schema oldSchema, Schema newSchema, String profile) {
        this.oldSchema = oldSchema;
        this.newSchema = newSchema;
        this.profile = profile;
        if (profile != null && !newSchema.profiles().containsKey(profile)) {
            throw new IllegalArgumentException("NEW lists no release profile '" + profile + "' (it lists "
                    + newSchema.profiles().keySet() + ")");
        }
    }

    /** Every finding for the directions asked for, in order of direction and section. */
    public List<Finding> check(Set<Direction> directions) {
        List<Finding> out = new ArrayList<>();
        if (directions.contains(Direction.FORWARD)) {
            new Pass(Direction.FORWARD, oldSchema, newSchema, Map.of(), Map.of(), out).run();
        }
        if (directions.contains(Direction.BACKWARD)) {
            Pins p = profile == null ? Pins.NONE : newSchema.profiles().get(profile);
            new Pass(Direction.BACKWARD, newSchema, oldSchema, p.versions(), p.properties(), out).run();
        }
        return out;
    }

    /** One direction: a writer's schema against a reader's. */
    private final class Pass {
        private final Direction dir;
        private final Schema writer;
        private final Schema reader;
        private final Map<String, Integer> pinned;
        private final Map<String, String> properties;
        private final List<Finding> out;
        private final Set<String> compared = new HashSet<>();

        Pass(Direction dir, Schema writer, Schema reader, Map<String, Integer> pinned, Map<String, String> properties,
                List<Finding> out) {
            this.dir = dir;
            this.writer = writer;
            this.reader = reader;
            this.pinned = pinned;
            this.properties = properties;
            this.out = out;
        }

        void run() {
            for (Map.Entry<String, Description> section : writer.sections().entrySet()) {
                String name = section.getKey();
                Description w = section.getValue();
                Description r = reader.sections().get(name);
                if (r == null) {
                    add(Severity.ERROR, Kind.SECTION_MISSING, name, side(true) + " writes section '" + name + "', which "
                            + side(false) + " does not know");
                    continue;
                }
                versioned(w, r, name);
            }
            for (String name : reader.sections().keySet()) {
                if (!writer.sections().containsKey(name)) {
                    add(Severity.INFO, Kind.SECTION_UNUSED, name, side(false) + " knows section '" + name + "', which "
                            + side(true) + " never writes: it keeps its defaults");
                }
            }
        }

        /** A description whose version goes on the wire (a section, a subsection, a vstruct). */
        private void versioned(Description w, Description r, String path) {
            int v = writeVersion(w, path);
            if (v < 0) {
                return;
            }
            if (v > r.version()) {
                add(Severity.ERROR, Kind.VERSION_TOO_NEW, path, side(true) + " writes '" + w.name() + "' at version " + v
                        + ", above " + side(false) + "'s version " + r.version());
                return;
            }
            if (v < r.minimumVersion()) {
                add(Severity.ERROR, Kind.MINIMUM_VERSION_TOO_HIGH, path, side(true) + " writes '" + w.name()
                        + "' at version " + v + ", below " + side(false) + "'s minimum version " + r.minimumVersion());
                return;
            }
            body(w, v, r, v, path);
        }

        /**
         * The version the writer writes {@code w} at: the one the profile pins, or its own. A pin
         * outside the writer's own window is what the writer refuses to write (its saver fails):
         * then says so and returns -1.
         */
        private int writeVersion(Description w, String path) {
            Integer p = pinned.get(w.name());
            if (p == null) {
                return w.version();
            }
            if (p < w.minimumVersion() || p > w.version()) {
                add(Severity.ERROR, p < w.minimumVersion() ? Kind.MINIMUM_VERSION_TOO_HIGH : Kind.VERSION_TOO_NEW, path,
                        "the profile pins '" + w.name() + "' at version " + p + ", which " + side(true)
                                + " cannot write: it writes versions " + w.minimumVersion() + " to " + w.version());
                return -1;
            }
            return p;
        }

        /**
         * Fields then subsections: the writer's at version wv against the reader's at rv. An entry
         * the writer's document has and the reader's lacks is an error, and what it holds is not
         * compared, as QEMU's checker does it ("Entry ... missing"); a writer without a
         * Description has only its versions compared.
         */
        private void body(Description w, int wv, Description r, int rv, String path) {
            if (w.lacks(Entry.DESCRIPTION)) {
                add(Severity.INFO, Kind.ENTRY_MISSING, path, side(true) + " has no \"Description\" of '" + w.name()
                        + "': only its versions are compared");
                return;
            }
            if (lacked(Entry.DESCRIPTION, w, r, path, "its fields and subsections are not compared")) {
                return;
            }
            if (!lacked(Entry.FIELDS, w, r, path, "its fields are not compared")) {
                fields(w.at(wv), r.at(rv), path);
            }
            if (lacked(Entry.SUBSECTIONS, w, r, path, "its subsections are not compared")) {
                return;
            }
            for (Description ws : w.subsections()) {
                String sub = path + "/(" + ws.name() + ")";
                Description rs = r.subsection(ws.name());
                if (rs != null) {
                    versioned(ws, rs, sub);
                } else if (ws.gate() != null && isOff(ws.gate())) {
                    add(Severity.INFO, Kind.SUBSECTION_GATED, sub, "subsection '" + ws.name() + "' is unknown to "
                            + side(false) + " but the profile pins its gate '" + ws.gate() + "' off");
                } else {
                    add(Severity.ERROR, Kind.SUBSECTION_UNKNOWN, sub, side(true) + " may write subsection '"
                            + ws.name() + "', which " + side(false) + " does not know"
                            + (ws.gate() == null ? " (it has no gate a profile could pin off)"
                                    : " (its gate '" + ws.gate() + "' is not pinned off"
                                    + (dir == Direction.BACKWARD ? " by the profile)" : ")")));
                }
            }
        }

        /** Whether the reader's document lacks {@code entry} where the writer's has it; then says so. */
        private boolean lacked(Entry entry, Description w, Description r, String path, String consequence) {
            if (w.lacks(entry) || !r.lacks(entry)) {
                return false;
            }
            add(Severity.ERROR, Kind.ENTRY_MISSING, path, side(false) + " has no \"" + entry.key() + "\" of '"
                    + r.name()
                    + "', which " + side(true) + " has: " + consequence);
            return true;
        }

        private boolean isOff(String property) {
            String v = properties.get(property);
            return "off".equals(v) || "false".equals(v);
        }

        private void fields(List<Field> writerFields, List<Field> readerFields, String path) {
            List<Field> w = new ArrayList<>(inline(writerFields, writer, new HashSet<>())); // balanceUnused takes out
            List<Field> r = new ArrayList<>(inline(readerFields, reader, new HashSet<>()));
            balanceUnused(w, r, path);
            int n = Math.min(w.size(), r.size());
            for (int i = 0; i < n; i++) {
                Field a = w.get(i);
                Field b = r.get(i);
                String at = path + "." + b.name();
                if (!a.name().equals(b.name())) {
                    if (indexOf(r, a.name()) >= 0 || indexOf(w, b.name()) >= 0) {
                        add(Severity.ERROR, Kind.FIELD_REORDERED, at, "position " + i + " holds '" + a.name() + "' in "
                                + side(true) + " but '" + b.name() + "' in " + side(false));
                        continue;
                    }
                    if (sameShape(a, b)) {
                        add(Severity.WARNING, Kind.FIELD_RENAMED, at, "'" + a.name() + "' in " + side(true)
                                + " is '" + b.name() + "' in " + side(false) + ": the same on the wire");
                    }
                }
                field(a, b, at);
            }
            for (int i = n; i < w.size(); i++) {
                Field f = w.get(i);
                // a when field may be absent on the wire: both sides must decide alike, which check cannot see
                add(f.when() != null ? Severity.WARNING : Severity.ERROR, Kind.FIELD_EXTRA, path + "." + f.name(),
                        side(true) + " writes field '" + f.name() + "', which " + side(false) + " does not read"
                                + (f.when() != null ? " (unless its condition '" + f.when() + "' is false)" : ""));
            }
            for (int i = n; i < r.size(); i++) {
                Field f = r.get(i);
                add(f.when() != null ? Severity.WARNING : Severity.ERROR, Kind.FIELD_MISSING, path + "." + f.name(),
                        side(false) + " reads field '" + f.name() + "', which " + side(true) + " does not write"
                                + (f.when() != null ? " (unless its condition '" + f.when() + "' is false)" : ""));
            }
        }

        private void field(Field a, Field b, String at) {
            if (!a.kind().equals(b.kind())) {
                add(Severity.ERROR, Kind.FIELD_KIND_CHANGED, at, "kind " + a.kind() + " in " + side(true) + ", "
                        + b.kind() + " in " + side(false));
                return;
            }
            if (!Objects.equals(a.size(), b.size()) || !Objects.equals(a.element(), b.element())
                    || !Objects.equals(a.key(), b.key())) {
                add(Severity.ERROR, Kind.FIELD_SIZE_CHANGED, at, "size " + shape(a) + " in " + side(true) + ", "
                        + shape(b) + " in " + side(false));
            }
            if (!Objects.equals(a.count(), b.count()) || !Objects.equals(a.countField(), b.countField())) {
                add(Severity.ERROR, Kind.FIELD_COUNT_CHANGED, at, "count " + count(a) + " in " + side(true) + ", "
                        + count(b) + " in " + side(false));
            }
            if (!Objects.equals(a.when(), b.when())) {
                add(Severity.WARNING, Kind.FIELD_CONDITION_CHANGED, at, "condition " + a.when() + " in " + side(true)
                        + ", " + b.when() + " in " + side(false) + ": both must decide presence alike");
            }
            if (a.equalValue() != null && b.equalValue() != null && !a.equalValue().equals(b.equalValue())) {
                add(Severity.ERROR, Kind.EQUAL_DIFFERS, at, "must equal " + a.equalValue() + " in " + side(true)
                        + " but " + b.equalValue() + " in " + side(false) + ": every load would fail");
            }
            if (a.values() != null && b.values() != null) {
                enumIds(a.values(), b.values(), at);
            }
            if (a.description() != null && b.description() != null) {
                nested(a, b, at);
            }
            if (a.description() != null && b.description() == null || a.description() == null && b.description() != null) {
                add(Severity.ERROR, Kind.NESTED_MISSING, at, "a nested description in " + (a.description() != null ? side(true) : side(false))
                        + " but not in " + (a.description() == null ? side(true) : side(false)));
            }
        }

        /**
         * An enum's ids as the writer writes them against the reader's. An id that stands for
         * another constant on the other side, while that side knows the constant under another id,
         * reads as another value: an error. An id under another name where neither name is on
         * both sides is a renamed constant, the same on the wire: a warning. An id the reader
         * lacks fails the load of a stream that holds it, and only then: a warning.
         */
        private void enumIds(Map<String, Long> w, Map<String, Long> r, String at) {
            Map<Long, String> readerById = new HashMap<>();
            r.forEach((constant, id) -> readerById.putIfAbsent(id, constant));
            List<String> moved = new ArrayList<>();
            List<String> renamed = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (Map.Entry<String, Long> e : w.entrySet()) {
                String mine = e.getKey();
                String theirs = readerById.get(e.getValue());
                if (theirs == null) {
                    unknown.add(e.getValue() + " (" + mine + ")");
                } else if (!theirs.equals(mine)) {
                    String change = "id " + e.getValue() + " is " + mine + " in " + side(true) + " but " + theirs
                            + " in " + side(false);
                    (r.containsKey(mine) || w.containsKey(theirs) ? moved : renamed).add(change);
                }
            }
            if (!moved.isEmpty()) {
                add(Severity.ERROR, Kind.ENUM_ID_CHANGED, at, String.join(", ", moved)
                        + ": a load reads another constant");
            }
            if (!renamed.isEmpty()) {
                add(Severity.WARNING, Kind.ENUM_ID_CHANGED, at, String.join(", ", renamed)
                        + ": a renamed constant, the same on the wire");
            }
            if (!unknown.isEmpty()) {
                add(Severity.WARNING, Kind.ENUM_ID_UNKNOWN, at, side(true) + " may write "
                        + (unknown.size() == 1 ? "id " : "ids ") + String.join(", ", unknown) + ", which "
                        + side(false) + " does not know: loading a stream that holds "
                        + (unknown.size() == 1 ? "it" : "one") + " fails");
            }
        }

        private void nested(Field a, Field b, String at) {
            Description w = writer.descriptions().get(a.description());
            Description r = reader.descriptions().get(b.description());
            if (w == null || r == null) {
                add(Severity.ERROR, Kind.NESTED_MISSING, at, "nested description '"
                        + (w == null ? a.description() : b.description()) + "' is not in "
                        + side(w != null));
                return;
            }
            String key = w.name() + ">" + r.name();
            if (!compared.add(key + "@" + at)) {
                return;
            }
            String inner = at + (a.kind().equals("list") || a.kind().endsWith("array") || a.kind().equals("map")
                    ? "[]" : "");
            int before = out.size();
            if (a.kind().equals("vstruct")) {
                versioned(w, r, inner);
            } else {
                int v = writeVersion(w, inner);
                if (v >= 0) {
                    body(w, v, r, r.version(), inner); // no version on the wire: each side its own
                }
            }
            boolean differs = out.subList(before, out.size()).stream().anyMatch(f -> f.severity() == Severity.ERROR);
            if (differs && !w.name().equals(r.name())) {
                add(Severity.ERROR, Kind.NESTED_CHANGED, at, "nested description '" + w.name() + "' became '" + r.name()
                        + "' and differs");
            } else if (differs) {
                add(Severity.ERROR, Kind.NESTED_CHANGED, at, "nested description '" + w.name()
                        + "' differs between the releases (see the findings under " + inner + ")");
            }
        }

        /**
         * For schemas whose structs are inline on the wire (QEMU's), the leaf fields in wire
         * order, each named by its path; otherwise the fields as they are.
         */
        private List<Field> inline(List<Field> fields, Schema schema, Set<String> open) {
            if (!schema.inlineStructs()) {
                return fields;
            }
            List<Field> out = new ArrayList<>();
            for (Field f : fields) {
                Description d = f.description() == null ? null : schema.descriptions().get(f.description());
                if (d == null || !open.add(d.name())) {
                    out.add(f);
                    continue;
                }
                for (Field inner : inline(d.at(d.version()), schema, open)) {
                    out.add(new Field(f.name() + "." + inner.name(), inner.kind(), inner.since(), inner.when(),
                            inner.size(), inner.count(), inner.countField(), inner.element(), inner.description(),
                            inner.key(), inner.equalValue(), inner.values()));
                }
                open.remove(d.name());
            }
            return out;
        }

        /**
         * Where one side has {@code unused} padding and the other real fields of the same total
         * size, the wire is the same (QEMU replaces removed fields with VMSTATE_UNUSED, Baton's
         * descriptions with {@code unused(n)}): say so and take both out of the comparison.
         */
        private void balanceUnused(List<Field> w, List<Field> r, String path) {
            int i = 0;
            int j = 0;
            while (i < w.size() && j < r.size()) {
                Field a = w.get(i);
                Field b = r.get(j);
                boolean aUnused = "unused".equals(a.kind());
                boolean bUnused = "unused".equals(b.kind());
                if (aUnused == bUnused || a.name().equals(b.name())) {
                    i++;
                    j++;
                    continue;
                }
                List<Field> padSide = aUnused ? w : r;
                List<Field> realSide = aUnused ? r : w;
                int pad = aUnused ? i : j;
                int real = aUnused ? j : i;
                Long padSize = fixedSize(padSide.get(pad));
                long want = padSize == null ? -1 : padSize;
                long sum = 0;
                int k = real;
                while (k < realSide.size() && sum < want && fixedSize(realSide.get(k)) != null) {
                    sum += fixedSize(realSide.get(k));
                    k++;
                }
                if (sum != want) {
                    i++;
                    j++;
                    continue;
                }
                List<String> names = realSide.subList(real, k).stream().map(Field::name).toList();
                add(Severity.WARNING, Kind.FIELD_RENAMED, path + "." + padSide.get(pad).name(), want + " octets of unused "
                        + "padding in " + side(aUnused) + " stand for " + names + " in " + side(!aUnused)
                        + ": the same on the wire");
                realSide.subList(real, k).clear();
                padSide.remove(pad);
            }
        }

        /**
         * The octets a field always takes on the wire, or null when that varies: its size where the
         * document gives one (every field of a QEMU dump; Baton's {@code bytes} and {@code unused}),
         * else that of a Baton scalar or enum kind.
         */
        private static Long fixedSize(Field f) {
            if (f.size() != null) {
                return f.size();
            }
            FieldKind k = FieldKind.ofJson(f.kind());
            return k != null && (k.isScalar() || k == FieldKind.ENUM) ? (long) k.size() : null;
        }

        private static int indexOf(List<Field> fs, String name) {
            for (int i = 0; i < fs.size(); i++) {
                if (fs.get(i).name().equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        private static boolean sameShape(Field a, Field b) {
            return a.kind().equals(b.kind()) && Objects.equals(a.size(), b.size())
                    && Objects.equals(a.element(), b.element()) && Objects.equals(a.count(), b.count());
        }

        private static String shape(Field f) {
            return f.size() != null ? f.size() + " octets" : f.element() != null ? "of " + f.element()
                    : f.key() != null ? "keyed by " + f.key() : "(none)";
        }

        private static String count(Field f) {
            return f.count() != null ? String.valueOf(f.count()) : f.countField() != null ? "from '" + f.countField() + "'"
                    : "(none)";
        }

        /** "OLD" or "NEW" for the writing or reading side of this direction. */
        private String side(boolean writing) {
            boolean old = (dir == Direction.FORWARD) == writing;
            return old ? "OLD" : "NEW";
        }

        private void add(Severity s, Kind k, String path, String message) {
            out.add(new Finding(dir, s, k, path, message));
        }
    }
}
