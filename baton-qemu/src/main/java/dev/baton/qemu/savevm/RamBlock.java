package dev.baton.qemu.savevm;

/**
 * A RAM block from the RAM section's block list (MEM_SIZE record): its id and used length.
 *
 * @param index   position in the block list
 * @param name    the RAMBlock id, e.g. {@code pc.ram} or {@code /rom@etc/acpi/tables}
 * @param length  its used length in octets
 * @param address  its guest-physical address, sent only with x-ignore-shared; else -1
 * @param pageSize the target page size: every page record of the block carries this many octets
 */
public record RamBlock(int index, String name, long length, long address, int pageSize) {

    /** Pages in the block. */
    public long pages() {
        return length / pageSize;
    }
}
