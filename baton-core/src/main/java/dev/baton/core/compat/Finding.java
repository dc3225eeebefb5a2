package dev.baton.core.compat;

/**
 * One thing a compatibility check found.
 *
 * @param direction which way the stream would go
 * @param severity  how bad it is: an ERROR breaks migration that way
 * @param kind      a stable identifier of the kind of finding (see {@link Kind})
 * @param path      where: description, then fields and subsections, e.g. {@code disk.extents[].start}
 * @param message   a sentence saying both sides
 */
public record Finding(Direction direction, Severity severity, Kind kind, String path, String message) {

    /** Which way a stream goes between the two sides of a check. */
    public enum Direction {
        /** OLD writes, NEW reads: a live update to the new release. */
        FORWARD,
        /** NEW writes for OLD's release profile, OLD reads: a rollback. */
        BACKWARD;

        public String label() {
            return name().toLowerCase();
        }
    }

    public enum Severity { ERROR, WARNING, INFO }

    /** The kinds of finding; their names are stable and part of the JSON output. */
    public enum Kind {
        SECTION_MISSING("section-missing"),
        SECTION_UNUSED("section-unused"),
        VERSION_TOO_NEW("version-too-new"),
        MINIMUM_VERSION_TOO_HIGH("minimum-version-too-high"),
        FIELD_MISSING("field-missing"),
        FIELD_EXTRA("field-extra"),
        FIELD_RENAMED("field-renamed"),
        FIELD_REORDERED("field-reordered"),
        FIELD_KIND_CHANGED("field-kind-changed"),
        FIELD_SIZE_CHANGED("field-size-changed"),
        FIELD_COUNT_CHANGED("field-count-changed"),
        FIELD_CONDITION_CHANGED("field-condition-changed"),
        NESTED_CHANGED("nested-description-changed"),
        NESTED_MISSING("nested-description-missing"),
        SUBSECTION_UNKNOWN("subsection-unknown"),
        SUBSECTION_GATED("subsection-gated"),
        EQUAL_DIFFERS("equal-differs"),
        /** An enum's id stands for another constant on the other side. */
        ENUM_ID_CHANGED("enum-id-changed"),
        /** The writer's enum has an id the reader's lacks. */
        ENUM_ID_UNKNOWN("enum-id-unknown"),
        /** A QEMU dump lacks a description's Description, Fields or Subsections entry ({@link Schema.Entry}). */
        ENTRY_MISSING("entry-missing"),
        /** In a chain of releases, a newer release lists release profiles, but none for an older one. */
        PROFILE_MISSING("profile-missing");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The stable identifier, e.g. {@code field-renamed}. */
        public String id() {
            return id;
        }
    }

    /** One line: "forward ERROR field-kind-changed disk.size: ...". */
    public String line() {
        return String.format("%-8s %-7s %-28s %s: %s", direction.label(), severity, kind.id(), path, message);
    }
}
