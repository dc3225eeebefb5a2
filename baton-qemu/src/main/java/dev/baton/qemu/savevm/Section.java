package dev.baton.qemu.savevm;

import dev.baton.qemu.vmdesc.DeviceDesc;
import dev.baton.qemu.vmdesc.StateValue.StructValue;

/**
 * A section as read: its opening header (START or FULL) and its content, which is the RAM
 * section's summary or a device's decoded state.
 *
 * @param header the START or FULL header
 * @param ram    for the "ram" section: what it held, else {@code null}
 * @param state  for a device section: its decoded state, else {@code null}
 * @param desc   for a device section: the vmdesc entry that described it, else {@code null}
 * @param ended  for an iterable section: whether its END was read
 */
public record Section(SectionHeader header, RamSummary ram, StructValue state, DeviceDesc desc, boolean ended) {

    public boolean isRam() {
        return ram != null;
    }
}
