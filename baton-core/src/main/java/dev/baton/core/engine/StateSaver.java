package dev.baton.core.engine;

import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.describe.Pins;
import dev.baton.core.wire.RecordWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Saves a {@link SectionRegistry} to streams, for a release profile or none: the one place a
 * stream's DESCRIPTION, SECTIONs, STATIC_DATA_END and END are written from a registry.
 *
 * <p>A saver is immutable and may be shared between threads. Each save is a {@link Save} of its
 * own ({@link #start}), which runs the stages in stream order and owns the version cursor of its
 * walk through the descriptions:
 *
 * <pre>
 *   Save save = saver.start(writer);   // the stream for the saver's profile
 *   save.description();                // DESCRIPTION (unless withDescription(false))
 *   save.sections(Part.STATIC);        // SECTION per static section, by priority
 *   save.staticDataEnd();              // STATIC_DATA_END
 *   save.sections(Part.DYNAMIC);       // SECTION per dynamic section
 *   save.end();                        // END, flushed
 * </pre>
 *
 * {@link #save} runs them all; a migration runs them with its own records between them
 * (baton-migrate's {@code SourceSession}). A section is saved as
 * {@code writer.beginSection(idstr, instance, version)}, then
 * {@link dev.baton.core.describe.StateDescription#save StateDescription.save}, which writes each
 * field through its codec, then {@code end()}.
 */
public final class StateSaver {
    private final SectionRegistry registry;
    private final Pins pins;
    private final boolean describe;
    /** The release the stream is written for, or null when no profile is used. */
    private final String profileName;

    private StateSaver(SectionRegistry registry, Pins pins, boolean describe, String profileName) {
        this.registry = registry;
        this.pins = pins;
        this.describe = describe;
        this.profileName = profileName;
    }

    /** A saver with no profile properties that writes the DESCRIPTION record. */
    public static StateSaver of(SectionRegistry registry) {
        return new StateSaver(registry, Pins.NONE, true, null);
    }

    /** The same saver with the properties a release profile pins. */
    public StateSaver withProperties(Map<String, String> properties) {
        return new StateSaver(registry, new Pins(properties, pins.versions()), describe, profileName);
    }

    /** The same saver writing the named descriptions at older versions, for a release that reads only those. */
    public StateSaver withVersions(Map<String, Integer> versions) {
        return new StateSaver(registry, new Pins(pins.properties(), versions), describe, profileName);
    }

    /** The same saver, with or without the DESCRIPTION record. */
    public StateSaver withDescription(boolean on) {
        return new StateSaver(registry, pins, on, profileName);
    }

    /**
     * The same saver writing for a release: its pinned properties and versions. The writer must
     * record the same profile name in the header ({@code WriterOptions.withProfile}), so that the
     * target knows which release the stream was written for.
     */
    public StateSaver forProfile(Profile profile) {
        return new StateSaver(registry, profile.pins(), describe, profile.name());
    }

    /** Writes the whole stream after the header, END included, and flushes. */
    public void save(RecordWriter writer) throws IOException {
        writeSections(writer).end();
    }

    /**
     * Writes the DESCRIPTION (when asked for), the static sections, STATIC_DATA_END and the
     * dynamic sections, leaving the stream open for the application's own records and END.
     *
     * @return the save, for what follows
     */
    public Save writeSections(RecordWriter writer) throws IOException {
        Save save = start(writer);
        save.description();
        save.sections(Part.STATIC);
        save.staticDataEnd();
        save.sections(Part.DYNAMIC);
        return save;
    }

    /**
     * Starts one save into {@code writer}, whose header is written: the stages follow, in stream
     * order, through the returned {@link Save}.
     *
     * @throws IllegalStateException when the saver writes for a release profile and the writer's
     *                               header records another
     */
    public Save start(RecordWriter writer) {
        if (profileName != null && !profileName.equals(writer.options().profile())) {
            throw new IllegalStateException("the saver writes for release profile '" + profileName
                    + "' but the writer records '" + writer.options().profile() + "' in the header");
        }
        return new Save(writer, new DescriptionContext(pins));
    }

    /**
     * One save of the registry into one stream, stage by stage. It owns the {@link DescriptionContext}
     * of its walk (the profile's pins and the version of the description being saved), so saves
     * of one saver never share a cursor; a save itself belongs to one thread at a time, as its
     * writer does. The writer's grammar checks the order (DESCRIPTION before the first SECTION,
     * STATIC_DATA_END once, nothing after END).
     */
    public final class Save {
        private final RecordWriter writer;
        private final DescriptionContext context;

        private Save(RecordWriter writer, DescriptionContext context) {
            this.writer = writer;
            this.context = context;
        }

        /** The stream's writer, for records of the application's own between the stages. */
        public RecordWriter writer() {
            return writer;
        }

        /**
         * This save's context: the profile's pins and the version cursor. Objects saved by hand
         * through descriptions within this save (a migration's pre-copy objects) use it.
         */
        public DescriptionContext context() {
            return context;
        }

        /**
         * Writes the DESCRIPTION record, unless the saver leaves it out: the registry's sections
         * as this stream carries them ({@link SectionRegistry#descriptionJson(Pins)}).
         */
        public void description() throws IOException {
            if (describe) {
                writer.writeDescription(ByteBuffer.wrap(registry.descriptionJson(context.pins())
                        .getBytes(StandardCharsets.UTF_8)));
            }
        }

        /** Writes a SECTION record for every registered section of {@code part}, in save order. */
        public void sections(Part part) {
            for (RegisteredSection<?> s : registry.inSaveOrder()) {
                if (s.part() == part) {
                    section(s);
                }
            }
        }

        /**
         * Writes one SECTION record: the header at the version the section's description is
         * written at, then its data through the description.
         */
        public <T> void section(RegisteredSection<T> s) {
            var body = writer.beginSection(s.idstr(), s.instanceId(), context.writeVersion(s.description()));
            s.description().save(s.object(), body, context);
            body.end();
        }

        /** Writes STATIC_DATA_END: the static sections are all written. */
        public void staticDataEnd() {
            writer.writeStaticDataEnd();
        }

        /** Writes END and flushes. */
        public void end() throws IOException {
            writer.writeEnd();
        }
    }
}
