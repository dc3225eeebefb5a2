package dev.baton.core.engine;

import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.describe.SectionInput;
import dev.baton.core.wire.Plural;
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
    private static final System.Logger LOG = System.getLogger("dev.baton.quirks");

    private final SectionRegistry registry;
    private final StaticDataCheck onStaticData;
    private final ReleaseProfiles profiles;
    private final Quirks quirks;
    private final RecordHandler onRecord;
    private final SectionOutcomes onSection;

    private StateLoader(SectionRegistry registry, StaticDataCheck onStaticData, ReleaseProfiles profiles,
            Quirks quirks, RecordHandler onRecord, SectionOutcomes onSection) {
        this.registry = registry;
        this.onStaticData = onStaticData;
        this.profiles = profiles;
        this.quirks = quirks;
        this.onRecord = onRecord;
        this.onSection = onSection;
    }

    public static StateLoader of(SectionRegistry registry) {
        return new StateLoader(registry, StaticDataCheck.acceptAll(), null, Quirks.none(), RecordHandler.ignore(),
                SectionOutcomes.stopAtFirstFailure());
    }

    /** The same loader with a check run at STATIC_DATA_END. */
    public StateLoader onStaticData(StaticDataCheck check) {
        return new StateLoader(registry, check, profiles, quirks, onRecord, onSection);
    }

    /**
     * The same loader passing every record it does not consume (application records and
     * DESCRIPTION, not SECTION, STATIC_DATA_END or END) to {@code handler}, in stream order.
     */
    public StateLoader onRecord(RecordHandler handler) {
        return new StateLoader(registry, onStaticData, profiles, quirks, handler, onSection);
    }

    /**
     * The same loader knowing this build's releases: it refuses a stream written for a release
     * profile it does not know, and evaluates {@code when} predicates with the pins of the
     * profile the stream was written for, as its writer did.
     */
    public StateLoader withProfiles(ReleaseProfiles releases) {
        return new StateLoader(registry, onStaticData, releases, quirks, onRecord, onSection);
    }

    /** The same loader applying these quirks of past producers. */
    public StateLoader withQuirks(Quirks known) {
        return new StateLoader(registry, onStaticData, profiles, known, onRecord, onSection);
    }

    /**
     * The same loader telling {@code outcomes} of every SECTION: loaded, or failed (unknown, a
     * second time, its data refused). {@link SectionOutcomes#failed} decides whether a failure
     * stops the load (by default it does); a section that failed is not in {@link Report#sections()}.
     */
    public StateLoader onSection(SectionOutcomes outcomes) {
        return new StateLoader(registry, onStaticData, profiles, quirks, onRecord, outcomes);
    }

    /** What a load did: the sections it loaded, in stream order, and the quirks it applied. */
    public record Report(List<String> sections, long records, List<String> quirks) {
    }

    /** Reads records up to and including END. */
    public Report load(RecordReader reader) throws IOException {
        DescriptionContext context = contextFor(reader.header().profile());
        List<String> applied = new ArrayList<>();
        List<String> loaded = new ArrayList<>();
        List<SectionHeader> statics = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (StreamRecord r = reader.next(); r != null; r = reader.next()) {
            switch (r.type()) {
                case RecordType.SECTION -> {
                    SectionHeader h = r.sectionHeader();
                    try {
                        if (!seen.add(h.name())) {
                            throw r.error("section " + h.name() + " appears twice", 0);
                        }
                        loadSection(r, h, reader.header(), context, applied);
                    } catch (StreamFormatException e) {
                        onSection.failed(r, h, e);
                        continue;
                    }
                    onSection.loaded(r, h);
                    loaded.add(h.name());
                    if (!r.dynamic()) {
                        statics.add(h);
                    }
                }
                case RecordType.STATIC_DATA_END -> onStaticData.check(new StaticData(reader.header(), List.copyOf(statics)));
                case RecordType.END -> {
                    // the loop ends with it
                }
                default -> onRecord.handle(r); // DESCRIPTION is for tools; application records are the application's
            }
        }
        return new Report(loaded, reader.records(), applied);
    }

    /**
     * A context for one load of a stream written for release profile {@code profile} ("" for
     * none): the pins of that profile, which its writer's predicates read, and a version cursor
     * of its own. Without {@link #withProfiles} every stream loads with no pins.
     *
     * @throws StreamRefusedException when this loader knows the releases and not that one
     */
    public DescriptionContext contextFor(String profile) throws StreamRefusedException {
        if (profiles == null || profile.isEmpty()) {
            return DescriptionContext.empty();
        }
        if (!profiles.knows(profile)) {
            throw new StreamRefusedException("the stream was written for release profile '" + profile
                    + "', which this build does not know (it knows " + profiles.names() + ")");
        }
        return new DescriptionContext(profiles.profile(profile).pins());
    }

    private void loadSection(StreamRecord r, SectionHeader h, dev.baton.core.wire.StreamHeader header,
            DescriptionContext context, List<String> applied) throws IOException {
        RegisteredSection<?> s = registry.find(h.idstr(), h.instanceId());
        if (s == null) {
            throw r.error("unknown section or instance " + h.name() + ": this target has no such section", 0);
        }
        ByteBuffer data = r.sectionData();
        SectionInput in = new SectionInput(data, r.offset() + 8 + h.dataOffset(), r.index(), r.type());
        int version = h.version();
        Quirk quirk = quirks.find(header.producerName(), header.producerVersion(), h.idstr(), h.version());
        if (quirk != null) {
            version = quirk.actualVersion();
            applied.add(h.name() + ": " + quirk.describe());
            LOG.log(System.Logger.Level.INFO, "{0}: {1}", h.name(), quirk.describe());
        }
        try {
            load(s, in, version, context);
            if (quirk != null && quirk.fixup() != null) {
                quirk.fixup().accept(s.object());
            }
            if (in.remaining() != 0) {
                throw in.error(Plural.count(in.remaining(), "octet")
                        + " of section data left over after its description");
            }
        } catch (StreamFormatException e) {
            throw e.withContext("section " + h.name() + (e.context() == null ? "" : ", field " + e.context()));
        }
    }

    private static <T> void load(RegisteredSection<T> s, SectionInput in, int version, DescriptionContext context)
            throws StreamFormatException {
        s.description().load(s.object(), in, version, context);
    }
}
