package dev.baton.cli.qemu;

import dev.baton.cli.Progress;
import java.util.function.LongConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code baton qemu}: the commands that read QEMU's own migration streams. */
@Command(name = "qemu",
        description = {"Read QEMU savevm (migration) streams, as `migrate \"exec:cat > FILE\"` or savevm write them: "
                + "exactly, from a file or a pipe, and strictly."},
        subcommands = {QemuAnalyzeCommand.class, QemuVerifyCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 bad stream or failed check, 2 usage or I/O error."})
public final class QemuCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** A progress callback that moves the bar once per MiB: the reader reports every record. */
    static LongConsumer throttled(Progress bar) {
        long[] last = {0};
        return offset -> {
            if (offset - last[0] >= 1 << 20) {
                last[0] = offset;
                bar.at(offset);
            }
        };
    }
}
