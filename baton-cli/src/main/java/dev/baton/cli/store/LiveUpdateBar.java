package dev.baton.cli.store;

import dev.baton.cli.Progress;
import dev.baton.store.live.LiveProgress;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A live update's progress on a terminal (standard error): nodes sent in all passes so far out of
 * those and what is still to send, the pass, octets sent and how many paths are dirty again;
 * erased when the update ends, whose report lines say the rest. Nothing is drawn where no one
 * watches (see {@link Progress}).
 */
public final class LiveUpdateBar implements Consumer<LiveProgress>, AutoCloseable {
    private final String task;
    private Progress bar;
    /** The pass the last progress was of, nodes sent in it, and nodes sent in the passes before it. */
    private int pass = -1;
    private long sentInPass;
    private long sentBefore;

    /** A bar for a live update, drawn from the first progress on. */
    public LiveUpdateBar() {
        this.task = "live update";
    }

    @Override
    public void accept(LiveProgress p) {
        if (bar == null) { // not before: an empty bar would only say that nothing is known yet
            bar = Progress.phase(task, "");
        }
        if (p.pass() != pass) {
            sentBefore += sentInPass;
            pass = p.pass();
        }
        sentInPass = p.sent();
        bar.note(note(p)); // first: moving the bar may draw it at once
        // nodes sent in all, of those and what this pass and the dirty paths still hold: the end
        // moves out as the passes find more to send, as a migration's bar of octets does
        bar.at(sentBefore + p.sent(), sentBefore + p.toSend() + p.dirty());
    }

    /**
     * What the bar says after its count of nodes sent: {@code pass 2, 1.4 MB sent,
     * 523 dirty} (paths changed since the pass began: the next pass sends them), or {@code last
     * pass (paused), 1.4 MB sent}. Short: the bar shares a terminal line with it.
     */
    static String note(LiveProgress p) {
        return p.paused() ? String.format(Locale.ROOT, " last pass (paused), %.1f MB sent", p.octets() / 1e6)
                : String.format(Locale.ROOT, " pass %d, %.1f MB sent, %d dirty", p.pass(), p.octets() / 1e6, p.dirty());
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
