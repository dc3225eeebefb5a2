package dev.baton.qemu.vmdesc;

/**
 * One entry of the vmdesc's {@code devices} array: the FULL section it describes, by idstr and
 * instance id, and the description of its payload.
 *
 * @param name       the section idstr
 * @param instanceId the section's instance id
 * @param index      position in the {@code devices} array
 * @param state      the payload's description
 */
public record DeviceDesc(String name, long instanceId, int index, StructDesc state) {

    /** How analyze-migration.py and error messages name it. */
    public String key() {
        return name + " instance " + instanceId;
    }
}
