package dev.baton.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error for long work, shown only where a person watches (a terminal)
 * and the work is long enough to need one, or when asked for. Otherwise every call is a no-op.
 * Public for the subcommand packages ({@code baton migrate}).
 */
public final class Progress implements AutoCloseable {
    /** Inputs smaller than this finish before a bar would be worth drawing. */
    static final long WORTH_SHOWING = 64L << 20;

    private final ProgressBar bar;
    private boolean closed;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * @param task  what is being done, e.g. "verify"
     * @param total octets of work, or -1 when unknown
     * @param force show it even when not on a terminal or for small inputs
     */
    public static Progress start(String task, long total, boolean force) {
        boolean show = force || (System.console() != null && (total < 0 || total >= WORTH_SHOWING));
        return show ? new Progress(build(task, total, " MiB", 1L << 20, true)) : new Progress(null);
    }

    /**
     * A bar counting things rather than octets ({@code unit} such as " nodes"), drawn only on a
     * terminal: when standard error is a file or a pipe, a bar redrawn with carriage returns would
     * only clutter it.
     */
    public static Progress interactive(String task, long total, String unit) {
        return System.console() == null ? new Progress(null) : new Progress(build(task, total, unit, 1, false));
    }

    /**
     * As {@link #interactive}, for a phase that the lines printed after it describe (filling a
     * store, a live update's passes): the bar is erased when closed instead of staying on screen,
     * full and dead. {@link #at(long, long)} moves both ends, for work done in passes of
     * different sizes.
     */
    public static Progress phase(String task, String unit) {
        if (System.console() == null) {
            return new Progress(null);
        }
        return new Progress(builder(task, 0, unit, 1, new ErasingConsumer(System.err)).hideEta()
                .clearDisplayOnFinish().build());
    }

    private static ProgressBar build(String task, long total, String unit, long unitSize, boolean speed) {
        ProgressBarBuilder b = builder(task, total, unit, unitSize, new ConsoleProgressBarConsumer(System.err));
        if (speed) {
            b.showSpeed();
        }
        return b.build();
    }

    private static ProgressBarBuilder builder(String task, long total, String unit, long unitSize,
            ConsoleProgressBarConsumer consumer) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(total, 0))
                .setUnit(unit, unitSize).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(consumer).setUpdateIntervalMillis(200);
    }

    /** Draws like the console consumer, and at the end leaves the cursor where the erased bar began. */
    private static final class ErasingConsumer extends ConsoleProgressBarConsumer {
        private final java.io.PrintStream out;

        ErasingConsumer(java.io.PrintStream out) {
            super(out);
            this.out = out;
        }

        @Override
        public void close() {
            out.print('\r'); // the bar was overwritten with spaces: no new line, so nothing stays
            out.flush();
        }
    }

    public void at(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    /** Sets both where the bar is and where it ends, for a new pass or one whose size changed. */
    public void at(long done, long total) {
        if (bar != null) {
            bar.maxHint(Math.max(total, done));
            bar.stepTo(done);
        }
    }

    /** Moves the end of the bar, for work whose size grows as it goes (pre-copy passes). */
    public void total(long total) {
        if (bar != null && total > bar.getMax()) {
            bar.maxHint(total);
        }
    }

    /** A short note after the bar, e.g. the pass a migration is in. */
    public void note(String text) {
        if (bar != null) {
            bar.setExtraMessage(text);
        }
    }

    /** Whether a bar is drawn. */
    public boolean shown() {
        return bar != null;
    }

    @Override
    public void close() {
        if (bar != null && !closed) {
            closed = true;
            bar.close();
        }
    }
}
