package dev.baton.cli;

import dev.baton.core.wire.RecordWriter;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton demo}: the main job of the README. Until the reference store lands it writes
 * the sample stream in both byte orders, lists one and verifies both.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Write a sample stream in both byte orders, inspect it and verify it.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write the streams (default: a new temporary folder).")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path where = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("baton-demo");
        Path big = where.resolve("sample-be.baton");
        Path little = where.resolve("sample-le.baton");
        write(big, ByteOrder.BIG_ENDIAN);
        write(little, ByteOrder.LITTLE_ENDIAN);
        System.out.println("== baton sample " + big + " --checksums; baton inspect " + big);
        CommandLine root = spec.root().commandLine();
        int status = root.execute("inspect", big.toString());
        for (Path p : new Path[] {big, little}) {
            System.out.println();
            System.out.println("== baton verify " + p);
            status = Math.max(status, root.execute("verify", p.toString()));
        }
        return status;
    }

    private static void write(Path file, ByteOrder order) throws IOException {
        try (RecordWriter w = RecordWriter.open(file, SampleCommand.options(order, true, "demo-1"))) {
            SampleStream.write(w);
        }
    }
}
