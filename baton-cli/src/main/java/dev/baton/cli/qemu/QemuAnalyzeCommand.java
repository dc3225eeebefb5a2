package dev.baton.cli.qemu;

import dev.baton.cli.ErrorHandler;
import dev.baton.cli.Progress;
import dev.baton.cli.option.InputFile;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.qemu.analyze.Analyzer;
import dev.baton.qemu.savevm.SavevmOptions;
import dev.baton.qemu.savevm.SavevmSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton qemu analyze}: QEMU's analyze-migration.py, same output, strict and streaming. */
@Command(name = "analyze",
        description = {"Print a QEMU savevm stream as JSON, exactly as QEMU's scripts/analyze-migration.py does "
                + "(same keys, order and value formatting), or extract it.",
            "The stream may come from a pipe (-): device state is decoded once the vmdesc at its end has arrived; "
                + "RAM pages are never held in memory.",
            "Stops at the first problem and names its offset and section (exit 1); `baton qemu verify` lists them all."})
final class QemuAnalyzeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The stream; - for standard input.")
    String file;

    @Option(names = {"-d", "--dump"}, paramLabel = "state|desc", defaultValue = "state",
            description = "What to print: the device state (default) or the vmdesc.")
    String dump;

    @Option(names = {"-m", "--ram"}, description = "With --dump state: the RAM pages too (the script's -m).")
    boolean ram;

    @Option(names = {"-x", "--extract"}, paramLabel = "DIR",
            description = "Write DIR/desc.json, DIR/state.json and one sparse file per RAM block instead of printing.")
    Path extract;

    @Option(names = "--progress", description = "Show a progress bar even when not on a terminal.")
    boolean progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!dump.equals("state") && !dump.equals("desc")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dump takes state or desc, not " + dump);
        }
        if (ram && (extract != null || dump.equals("desc"))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ram goes only with --dump state");
        }
        SavevmSource source = SavevmSource.argument(file);
        try {
            return analyze(source);
        } catch (StreamFormatException e) { // the bar is closed: the line stands alone
            System.out.flush();
            System.err.println(ErrorHandler.inFile(spec.qualifiedName(), InputFile.name(file), e));
            return ErrorHandler.BAD_INPUT;
        }
    }

    private int analyze(SavevmSource source) throws IOException {
        try (Progress bar = Progress.start(Progress.reading(extract != null ? "extract" : "analyze", file),
                source.length(), progress)) {
            SavevmOptions options = SavevmOptions.defaults().withProgress(QemuCommand.throttled(bar));
            if (extract != null) {
                Path dir = extract.toAbsolutePath().normalize();
                Analyzer.extract(source, options, dir, p -> System.out.println(dir.relativize(p)));
                return 0;
            }
            Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
            if (dump.equals("desc")) {
                Analyzer.dumpDesc(source, options, out);
            } else {
                Analyzer.dumpState(source, options, ram, out);
            }
            return 0;
        }
    }
}
