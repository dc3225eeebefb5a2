package dev.baton.cli.xen;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code baton xen}: the Xen formats. Thin, like every command: the reading, checking and
 * converting live in baton-xen.
 */
@Command(name = "xen",
        description = "Xen streams: xenstore migration streams, and libxc/libxl migration streams (v2, v3).",
        subcommands = {XenInspectCommand.class, XenVerifyCommand.class, XenConvertCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 bad input or failed check, 2 usage or I/O error."})
public final class XenCommand implements Runnable {

    static final int OK = 0;
    static final int BAD_INPUT = 1;
    static final int USAGE_OR_IO = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
