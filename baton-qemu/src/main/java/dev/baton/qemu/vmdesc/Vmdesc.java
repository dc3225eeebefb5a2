package dev.baton.qemu.vmdesc;

import java.util.List;
import java.util.Map;

/**
 * The VMDESCRIPTION record: JSON that QEMU writes after EOF describing the layout of every FULL
 * section it wrote. Device state has no types on the wire; this is the only key to it.
 *
 * @param offset        stream offset of the 0x06 octet
 * @param length        octets of JSON
 * @param pageSize      the target page size ({@code page_size})
 * @param devices       the described sections, in order
 * @param configuration the description of the CONFIGURATION record (QEMU 9.1 and later), or {@code null}
 * @param tree          the JSON as parsed, in its own key order, for {@code --dump desc}
 */
public record Vmdesc(long offset, long length, int pageSize, List<DeviceDesc> devices,
        Map<DeviceKey, DeviceDesc> byKey, StructDesc configuration, Json tree) {

    /**
     * A section's identity: idstr and instance id. Its {@code equals} and {@code hashCode} are
     * written out: a record's generated ones are bootstrapped through {@code invokedynamic} at
     * their first call, which the JDK's AOT cache does not keep resolved, and that linking took 5%
     * of a short {@code baton qemu analyze} (docs/PERFORMANCE.md, QEMU streams).
     */
    public record DeviceKey(String name, long instanceId) {
        @Override
        public boolean equals(Object o) {
            return o instanceof DeviceKey k && k.instanceId == instanceId && k.name.equals(name);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Long.hashCode(instanceId);
        }
    }

    /** The description of section {@code name} instance {@code instanceId}, or {@code null}. */
    public DeviceDesc device(String name, long instanceId) {
        return byKey.get(new DeviceKey(name, instanceId));
    }
}
