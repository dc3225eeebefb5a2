package dev.baton.qemu.vmdesc;

import java.util.List;

/**
 * A VMStateDescription as the vmdesc JSON shows it: its name and version, the fields that were
 * written, and the subsections that were written, in stream order.
 *
 * @param vmsdName    {@code vmsd_name}, or {@code ""} when absent (old-style sections)
 * @param version     {@code version}, or -1 when absent
 * @param fields      the fields, in stream order
 * @param subsections the subsections, in stream order
 */
public record StructDesc(String vmsdName, long version, List<FieldDesc> fields, List<StructDesc> subsections) {
}
