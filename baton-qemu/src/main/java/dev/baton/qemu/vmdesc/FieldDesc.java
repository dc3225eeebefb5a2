package dev.baton.qemu.vmdesc;

/**
 * One entry of a description's {@code fields} array, as QEMU writes it
 * (migration/vmstate.c, {@code vmsd_desc_field_start/end}).
 *
 * @param name     the field name; QEMU appends {@code [n]} when a description repeats a name
 * @param type     the VMStateInfo name ({@code uint32}, {@code buffer}, {@code struct}, ...)
 * @param size     octets one element takes in the stream (for a struct: with its subsections)
 * @param arrayLen how many elements follow on the wire: {@code array_len} for a compressed array,
 *                 else 1 (uncompressed arrays repeat the entry with an {@code index} instead)
 * @param index    the {@code index} of an uncompressed array entry, or -1
 * @param struct   the nested description of a {@code struct} field, else {@code null}
 */
public record FieldDesc(String name, String type, long size, int arrayLen, int index, StructDesc struct) {

    public boolean isStruct() {
        return struct != null;
    }
}
