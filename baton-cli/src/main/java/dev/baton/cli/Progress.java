package dev.baton.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error for long work, shown only where a person watches (a terminal)
 * and the work is long enough to need one, or when asked for. Otherwise every call is a no-op.
 */
public final class Progress implements AutoCloseable {
    /** Inputs smaller than this finish before a bar would be worth drawing. */
    static final long WORTH_SHOWING = 64L << 20;

    private final ProgressBar bar;

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
        if (!show) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(total, 0))
                .setUnit(" MiB", 1L << 20).showSpeed().setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(200).build();
        return new Progress(bar);
    }

    public void at(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
