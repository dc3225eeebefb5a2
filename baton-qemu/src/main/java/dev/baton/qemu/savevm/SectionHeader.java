package dev.baton.qemu.savevm;

/**
 * The header of one START, PART, END or FULL record.
 *
 * @param type       which of the four
 * @param offset     stream offset of the type octet
 * @param sectionId  the section id; PART and END refer to an earlier START by it
 * @param idstr      the section's name (for PART and END: the name given by its START)
 * @param instanceId the instance id (for PART and END: from its START)
 * @param versionId  the version id (for PART and END: from its START)
 */
public record SectionHeader(SectionType type, long offset, long sectionId, String idstr, long instanceId,
        long versionId) {

    /** The key analyze-migration.py prints for the section: {@code "idstr (section id)"}. */
    public String key() {
        return idstr + " (" + sectionId + ")";
    }

    /** Where an error is, as a {@link dev.baton.core.wire.StreamFormatException} context. */
    public String context() {
        return type + " section '" + key() + "'";
    }
}
