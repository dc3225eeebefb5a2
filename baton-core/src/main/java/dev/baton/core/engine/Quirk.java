package dev.baton.core.engine;

import java.util.function.Consumer;

/**
 * A known mistake of a past producer: releases {@code [fromVersion, toVersion]} of
 * {@code producer} wrote section {@code idstr} declaring version {@code declaredVersion} while its
 * layout was really that of {@code actualVersion} (Xen's piix4acpi wrote version 2 with version 1
 * content). The loader reads such a section at {@code actualVersion}, then runs {@code fixup}
 * on the loaded object when there is one, and reports that it did.
 *
 * @param producer        producer name, as in the stream header
 * @param fromVersion     first affected producer version (inclusive)
 * @param toVersion       last affected producer version (inclusive)
 * @param idstr           the section
 * @param declaredVersion the version the stream declares
 * @param actualVersion   the version whose layout the data really has
 * @param reason          why, for logs and {@code baton inspect}
 * @param fixup           run on the loaded object, or null
 */
public record Quirk(String producer, String fromVersion, String toVersion, String idstr, int declaredVersion,
        int actualVersion, String reason, Consumer<Object> fixup) {

    /** Whether the quirk concerns this section of this producer's stream. */
    public boolean matches(String producerName, String producerVersion, String sectionIdstr, int declared) {
        return producer.equals(producerName) && idstr.equals(sectionIdstr) && declaredVersion == declared
                && ProducerVersions.compare(producerVersion, fromVersion) >= 0
                && ProducerVersions.compare(producerVersion, toVersion) <= 0;
    }

    /** One line for logs: what was applied and why. */
    public String describe() {
        return "quirk: " + producer + " " + fromVersion + ".." + toVersion + " wrote " + idstr + " as version "
                + declaredVersion + " with the layout of version " + actualVersion + " (" + reason + ")";
    }
}
