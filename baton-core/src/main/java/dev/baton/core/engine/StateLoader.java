package dev.baton.core.engine;

import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.describe.SectionInput;
import dev.baton.core.wire.StreamRecord;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordType;
import dev.baton.core.wire.SectionHeader;
import dev.baton.core.wire.StreamFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a stream into a {@link SectionRegistry}: every SECTION into its registered object
 * through its description, checking the section's version against the description's window;
 * at STATIC_DATA_END the target's {@link StaticDataCheck} may refuse before any dynamic data.
 *
 * <p>A section the registry does not know is an error ("unknown section or instance"), as is a
 * section that appears twice or leaves data unread. Errors carry the section and field path.
 */
public final class StateLoader {
    private final SectionRegistry registry;
    private final StaticDataCheck onStaticData;
    private final DescriptionContext context;

    private StateLoader(SectionRegistry registry, StaticDataCheck onStaticData, Map<String, String> properties) {
        this.registry = registry;
        this.onStaticData = onStaticData;
        this.context = new DescriptionContext(properties);
    }

    public static StateLoader of(SectionRegistry registry) {
        return new StateLoader(registry, StaticDataCheck.acceptAll(), Map.of());
    }

    /** The same loader with a check run at STATIC_DATA_END. */
    public StateLoader onStaticData(StaticDataCheck check) {
        return new StateLoader(registry, check, context.properties());
    }

    /** The same loader with profile properties visible to {@code when} predicates. */
    public StateLoader withProperties(Map<String, String> properties) {
        return new StateLoader(registry, onStaticData, properties);
    }

    /** What a load did: the sections it loaded, in stream order. */
    public record Report(List<String> sections, long records) {
    }

    /** Reads records up to and including END. */
    public Report load(RecordReader reader) throws IOException {
        List<String> loaded = new ArrayList<>();
        List<SectionHeader> statics = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (StreamRecord r = reader.next(); r != null; r = reader.next()) {
            switch (r.type()) {
                case RecordType.SECTION -> {
                    SectionHeader h = r.sectionHeader();
                    if (!seen.add(h.name())) {
                        throw r.error("section " + h.name() + " appears twice", 0);
                    }
                    loadSection(r, h);
                    loaded.add(h.name());
                    if (!r.dynamic()) {
                        statics.add(h);
                    }
                }
                case RecordType.STATIC_DATA_END -> onStaticData.check(new StaticData(reader.header(), List.copyOf(statics)));
                default -> {
                    // DESCRIPTION is for tools; known application records are the application's business.
                }
            }
        }
        return new Report(loaded, reader.records());
    }

    private void loadSection(StreamRecord r, SectionHeader h) throws IOException {
        RegisteredSection<?> s = registry.find(h.idstr(), h.instanceId());
        if (s == null) {
            throw r.error("unknown section or instance " + h.name() + ": this target has no such section", 0);
        }
        ByteBuffer data = r.sectionData();
        SectionInput in = new SectionInput(data, r.offset() + 8 + h.dataOffset(), r.index(), r.type());
        try {
            load(s, in, h.version());
            if (in.remaining() != 0) {
                throw in.error(in.remaining() + " octets of section data left over after its description");
            }
        } catch (StreamFormatException e) {
            throw e.withContext("section " + h.name() + (e.context() == null ? "" : ", field " + e.context()));
        }
    }

    private <T> void load(RegisteredSection<T> s, SectionInput in, int version) throws StreamFormatException {
        s.description().load(s.object(), in, version, context);
    }
}
