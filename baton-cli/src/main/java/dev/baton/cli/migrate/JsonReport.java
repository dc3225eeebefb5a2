package dev.baton.cli.migrate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.cli.JsonOutput;
import dev.baton.cli.ProblemJson;
import dev.baton.cli.Progress;
import dev.baton.migrate.MigratableApplication;
import dev.baton.migrate.session.MigrationEvent;
import dev.baton.migrate.session.MigrationListener;
import dev.baton.migrate.session.MigrationStats;
import dev.baton.migrate.transport.TlsConfig;
import java.io.IOException;
import java.util.Locale;

/**
 * What {@code --json} prints for send and receive: the session's events gathered into one
 * document, printed when the command ends (docs/MIGRATION.md gives its keys). The commands add
 * what they know themselves (the application, the endpoint, the state's digest, the verdict);
 * progress goes to the bar, as without {@code --json}.
 */
final class JsonReport implements MigrationListener {
    private final ObjectNode doc = JsonOutput.object();
    private Progress progress;
    private ArrayNode passes;
    private ArrayNode quirks;
    private ArrayNode throttle;

    /**
     * A report on migrating {@code application}, to or from ({@code key}) {@code where}, with
     * TLS when {@code tls} is not null.
     */
    JsonReport(MigratableApplication application, String key, String where, TlsConfig tls) {
        ObjectNode app = doc.putObject("application");
        app.put("name", application.name());
        app.put("version", application.version());
        doc.put(key, where);
        doc.put("tls", tls != null ? tls.subject() : null);
    }

    /** This report as a session's listener, moving {@code bar} as the stream goes. */
    MigrationListener listener(Progress bar) {
        this.progress = bar;
        return this;
    }

    /** The document, for the command to add its own keys to. */
    ObjectNode doc() {
        return doc;
    }

    /** Ends the document with the verdict and prints it on standard output. */
    void print(boolean migrated, String error) throws IOException {
        doc.put("migrated", migrated);
        if (error != null) {
            ProblemJson.putError(doc, error);
        }
        JsonOutput.print(doc);
    }

    @Override
    public void progress(long octets, long estimatedTotal) {
        Report.moveBar(progress, octets, estimatedTotal);
    }

    @Override
    public void event(MigrationEvent e) {
        switch (e) {
            case MigrationEvent.Handshake h -> {
                ObjectNode o = doc.putObject("handshake");
                o.put("transport", h.transport());
                o.put("returnPath", h.returnPath());
                o.put("protocol", h.protocol());
                o.put("stream", h.stream());
                o.put("profile", h.profile());
                o.put("note", h.note());
            }
            case MigrationEvent.StaticDataAccepted a -> doc.put("staticDataAccepted", true);
            case MigrationEvent.Iteration i -> {
                if (passes == null) {
                    passes = doc.putArray("passes");
                }
                ObjectNode o = passes.addObject();
                o.put("index", i.index());
                o.put("paused", i.paused());
                o.put("octets", i.octets());
                o.put("pages", i.pages());
                o.put("objects", i.objects());
                o.put("nanos", i.nanos());
                o.put("dirtyOctets", i.dirtyOctets());
                o.put("dirtyRate", i.dirtyRate());
                o.put("throughput", i.throughput());
                o.put("estimateMillis", i.estimateMillis());
            }
            case MigrationEvent.Switchover s -> {
                ObjectNode o = doc.putObject("switchover");
                o.put("reason", s.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                o.put("iterations", s.iterations());
                o.put("dirtyOctets", s.dirtyOctets());
                o.put("estimateMillis", s.estimateMillis());
                o.put("limitMillis", s.limitMillis());
            }
            case MigrationEvent.Throttled t -> {
                if (throttle == null) {
                    throttle = doc.putArray("throttle");
                }
                throttle.addObject().put("afterPass", t.afterPass()).put("percent", t.percent());
            }
            case MigrationEvent.QuirkApplied q -> {
                if (quirks == null) {
                    quirks = doc.putArray("quirks");
                }
                quirks.add(q.applied());
            }
            case MigrationEvent.Loaded l -> {
                ObjectNode o = doc.putObject("loaded");
                o.put("records", l.records());
                o.put("octets", l.octets());
            }
            case MigrationEvent.Activated a -> doc.put("activated", true);
            case MigrationEvent.Completed c -> stats(c.stats());
            case MigrationEvent.ChannelRefused r -> doc.withArray("channelsRefused").add(r.reason());
            case MigrationEvent.Failed f -> {
                ObjectNode o = doc.putObject("failure");
                o.put("reason", f.reason());
                o.put("outcome", f.outcome());
            }
            case MigrationEvent.Paused p -> {
                // the switchover says it
            }
            case MigrationEvent.TargetBehind b -> {
                // the source waits for the target's load; the passes and the switchover say the rest
            }
            case MigrationEvent.StageStarted s -> {
                // too fine for a report
            }
        }
    }

    private void stats(MigrationStats s) {
        ObjectNode o = doc.putObject("stats");
        o.put("octets", s.octets());
        o.put("nanos", s.nanos());
        o.put("octetsPerSecond", s.throughput());
        o.put("downtimeNanos", s.downtimeNanos());
        o.put("targetConfirmed", s.targetConfirmed());
        o.put("protocol", s.protocol());
        o.put("stream", s.stream());
        o.put("profile", s.profile());
    }
}
