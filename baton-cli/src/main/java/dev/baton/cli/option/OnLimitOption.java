package dev.baton.cli.option;

import dev.baton.migrate.precopy.OnLimit;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The {@code --on-limit abort|switchover|throttle} option of the commands that run a live
 * migration's source (migrate send, store live-update): what pre-copy does when it reaches its
 * iteration limit without converging ({@link OnLimit}, docs/MIGRATION.md). A value picocli does not
 * know is its one-line usage error, exit 2.
 */
public final class OnLimitOption {
    /** The values, as the command line spells them. */
    public enum Value { abort, switchover, throttle }

    @Option(names = "--on-limit", paramLabel = "abort|switchover|throttle", defaultValue = "switchover",
            description = {"When pre-copy reaches its pass limit without converging: switchover (default) switches over "
                    + "anyway and says the downtime it expects first; abort fails before pausing (the source runs on, "
                    + "exit 1); throttle slows the application (20 %%, then 10 %% more after each pass that does not "
                    + "converge, at most 99 %%) and aborts if it still does not converge."})
    Value value;

    /** The policy the option names. */
    public OnLimit policy() {
        return OnLimit.valueOf(value.name().toUpperCase(Locale.ROOT));
    }

    /** The option's value as the command line spells it. */
    public String name() {
        return value.name();
    }
}
