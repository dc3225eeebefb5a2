package dev.baton.cli;

import dev.baton.cli.option.InputFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DefaultProgressBarRenderer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ProgressState;

/**
 * A progress bar on standard error for long work, shown only where a person watches (standard
 * error is a terminal) and the work is long enough to need one, or when asked for. Otherwise
 * every call is a no-op. Public for the subcommand packages ({@code baton migrate}).
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
        boolean show = force || (onTerminal() && (total < 0 || total >= WORTH_SHOWING));
        if (!show) {
            return new Progress(null);
        }
        boolean small = total >= 0 && total < 1L << 20;
        return new Progress(Bars.build(task, total, small ? " KiB" : " MiB", small ? 1L << 10 : 1L << 20, true));
    }

    /**
     * The name of a task that reads {@code argument}: {@code task} for a file, and for {@code -}
     * words that say so, since a bar with no end and no file name would not.
     */
    public static String reading(String task, String argument) {
        return argument.equals(InputFile.STDIN) ? task + ", reading standard input" : task;
    }

    /**
     * A bar counting things rather than octets ({@code unit} such as " nodes"), drawn only on a
     * terminal: when standard error is a file or a pipe, a bar redrawn with carriage returns would
     * only clutter it.
     */
    public static Progress interactive(String task, long total, String unit) {
        return onTerminal() ? new Progress(Bars.build(task, total, unit, 1, false)) : new Progress(null);
    }

    /**
     * Whether standard error, where the bar is drawn, is a terminal. Where /proc tells (Linux),
     * by what file descriptor 2 is; elsewhere by whether the JVM has a console (standard input
     * and output are terminals), which misses {@code baton verify - < file} on a terminal.
     */
    static boolean onTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }

    /**
     * As {@link #interactive}, for a phase that the lines printed after it describe (filling a
     * store, a live update's passes): the bar is erased when closed instead of staying on screen,
     * full and dead. {@link #at(long, long)} moves both ends, for work done in passes of
     * different sizes.
     */
    public static Progress phase(String task, String unit) {
        if (!onTerminal()) {
            return new Progress(null);
        }
        return new Progress(Bars.erasing(task, unit));
    }

    /**
     * The progress bar library's part: a class of its own, so that the library's classes are
     * loaded only when a bar is drawn, not by every command that makes a {@code Progress} (the
     * JVM's verifier loads what a method passes where another type is expected).
     */
    private static final class Bars {
        private Bars() {
        }

        static ProgressBar erasing(String task, String unit) {
            return builder(task, 0, unit, 1, false, false, new ErasingConsumer(System.err))
                    .clearDisplayOnFinish().build();
        }

        static ProgressBar build(String task, long total, String unit, long unitSize, boolean speed) {
            return builder(task, total, unit, unitSize, speed, total >= 0, new ConsoleProgressBarConsumer(System.err))
                    .build();
        }

        /** Every bar's settings; a phase's bar differs only in its consumer and in having no time left. */
        private static ProgressBarBuilder builder(String task, long total, String unit, long unitSize, boolean speed,
                boolean eta, ConsoleProgressBarConsumer consumer) {
            // a total of -1 makes the bar indefinite: no percentage where none is known
            return new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setUnit(unit, unitSize).setStyle(ProgressBarStyle.ASCII)
                    .setRenderer(new Renderer(unit, unitSize, speed, eta))
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

        /**
         * The progress bar library's own drawing, but for the speed: the library divides by whole
         * seconds (no rate in the first second, near twice the rate at 1.9 s); this divides by the
         * time that has really passed.
         */
        private static final class Renderer extends DefaultProgressBarRenderer {
            private final String unit;
            private final long unitSize;

            /** With {@code eta}, the time left is shown after the time spent (only a known total has one). */
            Renderer(String unit, long unitSize, boolean speed, boolean eta) {
                super(ProgressBarStyle.ASCII, unit, unitSize, speed, new DecimalFormat("0.0"), ChronoUnit.SECONDS, eta,
                        Renderer::eta);
                this.unit = unit;
                this.unitSize = unitSize;
            }

            /** What remains at the rate so far; none for an indefinite bar or before any progress. */
            private static Optional<java.time.Duration> eta(ProgressState state) {
                long done = state.getCurrent() - state.getStart();
                if (state.getMax() <= 0 || done <= 0) {
                    return Optional.empty();
                }
                return Optional.of(state.getElapsedAfterStart().multipliedBy(state.getMax() - state.getCurrent())
                        .dividedBy(done));
            }

            @Override
            protected String speed(ProgressState state) {
                double seconds = state.getElapsedAfterStart().toNanos() / 1e9;
                double rate = seconds <= 0 ? 0 : (state.getCurrent() - state.getStart()) / seconds / unitSize;
                return String.format(Locale.ROOT, "%.1f%s/s", rate, unit);
            }
        }
    }

    /** Moves the bar to {@code done} octets (or things) of the work. */
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
