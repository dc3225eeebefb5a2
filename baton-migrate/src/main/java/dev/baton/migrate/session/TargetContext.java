package dev.baton.migrate.session;

import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.StreamRecord;
import dev.baton.migrate.MigratableApplication;
import dev.baton.migrate.precopy.RegionReceiver;
import dev.baton.migrate.returnpath.ControlMessage;
import dev.baton.migrate.returnpath.ControlWriter;
import java.io.IOException;

/** What a stage's target step works with: the new application instance, the stream's reader, the regions' receiver. */
public final class TargetContext {
    private final MigratableApplication application;
    private final RecordReader reader;
    private final RegionReceiver receiver;
    private final DescriptionContext descriptionContext;
    private final MigrationListener listener;
    private String stage = "";
    private ChannelReceivers channels;
    /** Where LOAD_MARK records are answered (LOADED), or null: no return path, or a rehearsal. */
    private ControlWriter marks;

    TargetContext(MigratableApplication application, RecordReader reader, RegionReceiver receiver,
            DescriptionContext descriptionContext, MigrationListener listener) {
        this.application = application;
        this.reader = reader;
        this.receiver = receiver;
        this.descriptionContext = descriptionContext;
        this.listener = listener;
    }

    /** The instance being loaded: not running until the migration commits. */
    public MigratableApplication application() {
        return application;
    }

    public RecordReader reader() {
        return reader;
    }

    public RegionReceiver receiver() {
        return receiver;
    }

    public DescriptionContext descriptionContext() {
        return descriptionContext;
    }

    public MigrationListener listener() {
        return listener;
    }

    /** The name of the stage the records belong to. */
    public String stage() {
        return stage;
    }

    void stage(String name) {
        this.stage = name;
    }

    void channels(ChannelReceivers c) {
        this.channels = c;
    }

    /** A pass ended on the main stream: with extra channels, waits until each has ended it too. */
    void iterationEnded() throws java.io.IOException {
        if (channels != null) {
            channels.iterationEnded();
        }
    }

    /** Answers each LOAD_MARK with LOADED on {@code control} from now on. */
    void answerMarks(ControlWriter control) {
        this.marks = control;
    }

    /**
     * A LOAD_MARK record: everything before it is loaded, which LOADED tells the source (when
     * there is a return path to tell it on). Its body is a {@code u64} mark number, not checked
     * further: the source matches the answer by the offset.
     */
    void loadMark(StreamRecord r) throws IOException {
        if (r.length() != 8) {
            throw r.error("LOAD_MARK body is " + Plural.count(r.length(), "octet") + ", not 8", 0);
        }
        if (marks != null) {
            marks.write(new ControlMessage.Loaded(r.index(), r.offset()));
        }
    }
}
