package dev.baton.qemu.vmdesc;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.baton.core.wire.Problems;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.qemu.vmdesc.Json.JArray;
import dev.baton.qemu.vmdesc.Json.JNumber;
import dev.baton.qemu.vmdesc.Json.JObject;
import dev.baton.qemu.vmdesc.Json.JString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the VMDESCRIPTION's JSON into a {@link Vmdesc}, checking every key the decoder relies on:
 * a description that lacks one is refused here, with its JSON path, rather than half-used later.
 *
 * <p>Shape, as QEMU writes it:
 * <pre>
 * {"page_size": 4096, "devices": [
 *   {"name": "timer", "instance_id": 0, "vmsd_name": "timer", "version": 2,
 *    "fields": [{"name": "cpu_ticks_offset", "type": "int64", "size": 8}, ...],
 *    "subsections": [{"vmsd_name": "timer/...", "version": 1, "fields": [...]}]}, ...]}
 * </pre>
 * A field may carry {@code array_len} (a compressed array: that many elements, described once),
 * {@code index} (one element of an uncompressed array) and, for type {@code struct}, a nested
 * {@code struct} object of the same shape.
 */
public final class VmdescParser {
    /** Largest {@code array_len} accepted; QEMU's longest arrays have a few thousand elements. */
    public static final int MAX_ARRAY_LEN = 1 << 24;

    private final long recordOffset;
    private final long jsonOffset;
    private final long recordIndex;
    private final Problems problems;

    private VmdescParser(long recordOffset, long recordIndex, Problems problems) {
        this.recordOffset = recordOffset;
        this.jsonOffset = recordOffset + 5;
        this.recordIndex = recordIndex;
        this.problems = problems;
    }

    /**
     * Parses and checks a vmdesc.
     *
     * @param json         the JSON octets
     * @param recordOffset stream offset of the record's 0x06 octet, for error offsets
     * @param recordIndex  index of the record in the stream, for error messages
     * @param problems     receives problems that leave the description usable (a repeated device)
     * @throws StreamFormatException when the JSON is invalid or lacks what decoding needs
     */
    public static Vmdesc parse(byte[] json, long recordOffset, long recordIndex,
            Problems problems) throws StreamFormatException {
        return new VmdescParser(recordOffset, recordIndex, problems).parse(json);
    }

    /**
     * Checks a vmdesc already parsed as JSON (by {@code VmdescLocator}).
     *
     * @param length octets of JSON
     */
    public static Vmdesc parse(Json tree, long length, long recordOffset, long recordIndex,
            Problems problems) throws StreamFormatException {
        return new VmdescParser(recordOffset, recordIndex, problems).check(tree, length);
    }

    /** The JSON tree of these octets, or {@code null} when they are not valid JSON. */
    public static Json tryTree(byte[] json, int from, int length) {
        try {
            return Json.parse(json, from, length);
        } catch (IOException e) {
            return null;
        }
    }

    private Vmdesc parse(byte[] json) throws StreamFormatException {
        Json root;
        try {
            root = Json.parse(json, 0, json.length);
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null || e.getLocation().getByteOffset() < 0
                    ? jsonOffset : jsonOffset + e.getLocation().getByteOffset();
            throw error(at, "vmdesc", "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw error(jsonOffset, "vmdesc", "not valid JSON: " + e.getMessage());
        }
        return check(root, json.length);
    }

    private Vmdesc check(Json tree, long length) throws StreamFormatException {
        if (!(tree instanceof JObject root)) {
            throw error(jsonOffset, "vmdesc", "not a JSON object");
        }
        int pageSize = (int) integer(root, "page_size", "vmdesc", 512, 1 << 30);
        if (Integer.bitCount(pageSize) != 1) {
            throw error(jsonOffset, "vmdesc.page_size", "page size " + pageSize + " is not a power of two");
        }
        if (!(root.get("devices") instanceof JArray devs)) {
            throw error(jsonOffset, "vmdesc", "has no \"devices\" array");
        }
        List<DeviceDesc> devices = new ArrayList<>(devs.items().size());
        Map<Vmdesc.DeviceKey, DeviceDesc> byKey = new LinkedHashMap<>();
        for (int i = 0; i < devs.items().size(); i++) {
            String path = "vmdesc.devices[" + i + "]";
            JObject d = object(devs.items().get(i), path);
            String name = text(d, "name", path);
            long instance = integer(d, "instance_id", path, 0, 0xFFFF_FFFFL);
            if (d.get("fields") == null) {
                // analyze-migration.py refuses these too ("has no fields")
                throw error(jsonOffset, path, "device '" + name + "' has no \"fields\"");
            }
            DeviceDesc dev = new DeviceDesc(name, instance, i, struct(d, path));
            devices.add(dev);
            DeviceDesc before = byKey.put(new Vmdesc.DeviceKey(name, instance), dev);
            if (before != null) {
                problems.report(error(jsonOffset, path, "device '" + name + "' instance " + instance
                        + " is described twice (devices[" + before.index() + "] and [" + i + "]); the last one is used"));
            }
        }
        StructDesc config = root.get("configuration") != null
                ? struct(object(root.get("configuration"), "vmdesc.configuration"), "vmdesc.configuration") : null;
        return new Vmdesc(recordOffset, length, pageSize, List.copyOf(devices), byKey, config, root);
    }

    private StructDesc struct(JObject node, String path) throws StreamFormatException {
        String vmsdName = node.get("vmsd_name") != null ? text(node, "vmsd_name", path) : "";
        long version = node.get("version") != null ? integer(node, "version", path, 0, 0xFFFF_FFFFL) : -1;
        if (!(node.get("fields") instanceof JArray fieldsNode)) {
            throw error(jsonOffset, path, "has no \"fields\" array");
        }
        List<FieldDesc> fields = new ArrayList<>(fieldsNode.items().size());
        for (int i = 0; i < fieldsNode.items().size(); i++) {
            String fp = path + ".fields[" + i + "]";
            fields.add(field(object(fieldsNode.items().get(i), fp), fp));
        }
        List<StructDesc> subsections = new ArrayList<>();
        Json subsNode = node.get("subsections");
        if (subsNode != null) {
            if (!(subsNode instanceof JArray subs)) {
                throw error(jsonOffset, path, "\"subsections\" is not an array");
            }
            for (int i = 0; i < subs.items().size(); i++) {
                String sp = path + ".subsections[" + i + "]";
                JObject s = object(subs.items().get(i), sp);
                text(s, "vmsd_name", sp); // a subsection is matched by this name
                subsections.add(struct(s, sp));
            }
        }
        return new StructDesc(vmsdName, version, List.copyOf(fields), List.copyOf(subsections));
    }

    private FieldDesc field(JObject f, String path) throws StreamFormatException {
        String name = text(f, "name", path);
        String type = text(f, "type", path);
        long size = integer(f, "size", path, 0, Integer.MAX_VALUE);
        int arrayLen = f.get("array_len") != null ? (int) integer(f, "array_len", path, 1, MAX_ARRAY_LEN) : 1;
        int index = f.get("index") != null ? (int) integer(f, "index", path, 0, Integer.MAX_VALUE) : -1;
        StructDesc struct = null;
        if (type.equals("struct")) {
            struct = struct(object(f.get("struct"), path + ".struct"), path + ".struct");
        } else if (FieldKind.of(type).isInteger() && (size < 1 || size > 8)) {
            throw error(jsonOffset, path, "field '" + name + "' of type " + type + " has size " + size
                    + "; integers take 1 to 8 octets");
        }
        return new FieldDesc(name, type, size, arrayLen, index, struct);
    }

    private JObject object(Json n, String path) throws StreamFormatException {
        if (!(n instanceof JObject o)) {
            throw error(jsonOffset, path, "is not a JSON object");
        }
        return o;
    }

    private String text(JObject n, String key, String path) throws StreamFormatException {
        if (!(n.get(key) instanceof JString v)) {
            throw error(jsonOffset, path, "has no string \"" + key + "\"");
        }
        return v.value();
    }

    private long integer(JObject n, String key, String path, long min, long max) throws StreamFormatException {
        if (!(n.get(key) instanceof JNumber v) || !v.integral()) {
            throw error(jsonOffset, path, "has no integer \"" + key + "\"");
        }
        Long value = v.longValue();
        if (value == null || value < min || value > max) {
            throw error(jsonOffset, path, "\"" + key + "\" " + v.text() + " is outside [" + min + ", " + max + "]");
        }
        return value;
    }

    private StreamFormatException error(long at, String path, String problem) {
        return new StreamFormatException(problem, at, recordIndex, StreamFormatException.NO_TYPE, path);
    }
}
