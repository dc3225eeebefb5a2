package dev.baton.core.engine;

import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.describe.Pins;
import dev.baton.core.wire.RecordWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Saves a {@link SectionRegistry} to a stream: the DESCRIPTION when asked for, the static
 * sections, STATIC_DATA_END, the dynamic sections, END. The profile's properties reach every
 * {@code when} and {@code needed} predicate through the {@link DescriptionContext}.
 */
public final class StateSaver {
    private final SectionRegistry registry;
    private final DescriptionContext context;
    private final boolean describe;
    /** The release the stream is written for, or null when no profile is used. */
    private final String profileName;

    private StateSaver(SectionRegistry registry, DescriptionContext context, boolean describe, String profileName) {
        this.registry = registry;
        this.context = context;
        this.describe = describe;
        this.profileName = profileName;
    }

    /** A saver with no profile properties that writes the DESCRIPTION record. */
    public static StateSaver of(SectionRegistry registry) {
        return new StateSaver(registry, DescriptionContext.empty(), true, null);
    }

    /** The same saver with the properties a release profile pins. */
    public StateSaver withProperties(Map<String, String> properties) {
        return new StateSaver(registry, new DescriptionContext(new Pins(properties, context.pins().versions())), describe, profileName);
    }

    /** The same saver writing the named descriptions at older versions, for a release that reads only those. */
    public StateSaver withVersions(Map<String, Integer> versions) {
        return new StateSaver(registry, new DescriptionContext(new Pins(context.pins().properties(), versions)), describe, profileName);
    }

    /** The same saver, with or without the DESCRIPTION record. */
    public StateSaver withDescription(boolean on) {
        return new StateSaver(registry, context, on, profileName);
    }

    /**
     * The same saver writing for a release: its pinned properties and versions. The writer must
     * record the same profile name in the header ({@code WriterOptions.withProfile}), so that the
     * target knows which release the stream was written for.
     */
    public StateSaver forProfile(Profile profile) {
        return new StateSaver(registry, new DescriptionContext(profile.pins()), describe,
                profile.name());
    }

    /** Writes the whole stream after the header, END included, and flushes. */
    public void save(RecordWriter writer) throws IOException {
        writeSections(writer);
        writer.writeEnd();
    }

    /**
     * Writes the DESCRIPTION (when asked for), the static sections, STATIC_DATA_END and the
     * dynamic sections, leaving the stream open for the application's own records and END.
     */
    public void writeSections(RecordWriter writer) throws IOException {
        if (profileName != null && !profileName.equals(writer.options().profile())) {
            throw new IllegalStateException("the saver writes for release profile '" + profileName
                    + "' but the writer records '" + writer.options().profile() + "' in the header");
        }
        if (describe) {
            writer.writeDescription(ByteBuffer.wrap(registry.descriptionJson().getBytes(StandardCharsets.UTF_8)));
        }
        boolean staticEnded = false;
        for (RegisteredSection<?> s : registry.inSaveOrder()) {
            if (s.part() == Part.DYNAMIC && !staticEnded) {
                writer.writeStaticDataEnd();
                staticEnded = true;
            }
            saveSection(s, writer);
        }
        if (!staticEnded) {
            writer.writeStaticDataEnd();
        }
    }

    /** Writes one SECTION record for a registered section. */
    public <T> void saveSection(RegisteredSection<T> s, RecordWriter writer) {
        var body = writer.beginSection(s.idstr(), s.instanceId(), context.writeVersion(s.description()));
        s.description().save(s.object(), body, context);
        body.end();
    }
}
