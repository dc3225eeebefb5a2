package dev.baton.migrate.session;

import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.wire.RecordReader;
import dev.baton.migrate.MigratableApplication;
import dev.baton.migrate.precopy.RegionReceiver;

/** What a stage's target step works with: the new application instance, the stream's reader, the regions' receiver. */
public final class TargetContext {
    private final MigratableApplication application;
    private final RecordReader reader;
    private final RegionReceiver receiver;
    private final DescriptionContext descriptionContext;
    private final MigrationListener listener;
    private String stage = "";
    private ChannelReceivers channels;

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
}
