package dev.baton.cli.qemu;

import dev.baton.cli.ErrorHandler;
import dev.baton.cli.Progress;
import dev.baton.cli.VerdictOutput;
import dev.baton.core.wire.Plural;
import dev.baton.qemu.savevm.RamBlock;
import dev.baton.qemu.savevm.RamSummary;
import dev.baton.qemu.savevm.SavevmSource;
import dev.baton.qemu.savevm.SavevmStream;
import dev.baton.qemu.savevm.SavevmVerifier;
import dev.baton.qemu.savevm.Section;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton qemu verify}: every check Baton can make of a QEMU stream, every problem reported. */
@Command(name = "verify",
        description = {"Check a QEMU savevm stream, including what analyze-migration.py ignores: footers, section ids, "
                + "the RAM block list and page addresses, compressed and XBZRLE pages, commands, subsection names "
                + "and versions and struct sizes against the vmdesc, devices the vmdesc lists but the stream lacks, "
                + "and octets after the end.",
            "Exit 0 when valid, 1 when not (one line per problem), 2 on usage or I/O errors."})
final class QemuVerifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The stream; - for standard input.")
    String file;

    @Option(names = "--json", description = "Print the verdict as JSON.")
    boolean json;

    @Option(names = "--progress", description = "Show a progress bar even when not on a terminal.")
    boolean progress;

    @Override
    public Integer call() throws IOException {
        SavevmSource source = SavevmSource.argument(file);
        SavevmVerifier.Verdict v;
        try (Progress bar = Progress.start(Progress.reading("verify", file), source.length(), progress)) {
            v = SavevmVerifier.verify(source, QemuCommand.throttled(bar));
            if (v.stream() != null) {
                bar.at(v.stream().length()); // the callback moves the bar by whole MiB: show the end
            }
        }
        if (json) {
            json(source, v);
        } else {
            text(source, v);
        }
        return v.valid() ? 0 : ErrorHandler.BAD_INPUT;
    }

    private static void text(SavevmSource source, SavevmVerifier.Verdict v) {
        VerdictOutput.text(source.name(), v.problems(), List.of(), () -> summary(v.stream()));
    }

    /** One line: machine, sections, RAM, vmdesc, length. */
    static String summary(SavevmStream s) {
        StringBuilder sb = new StringBuilder("QEMU savevm v3");
        if (s.configuration() != null) {
            sb.append(", machine ").append(s.configuration().machineType());
        } else {
            sb.append(", no configuration record");
        }
        long devices = s.sections().values().stream().filter(x -> !x.isRam()).count();
        sb.append(", ").append(Plural.count(s.sections().size(), "section")).append(" (")
                .append(Plural.count(devices, "device")).append(")");
        sb.append(s.footers() ? ", footers" : ", no footers");
        Section ram = s.ram();
        if (ram != null) {
            RamSummary r = ram.ram();
            sb.append(", RAM ").append(Plural.count(r.blocks().size(), "block")).append(" of ")
                    .append(r.totalLength() >> 10).append(" KiB: ").append(Plural.count(r.pages(), "page")).append(", ")
                    .append(r.fillPages()).append(" zero");
            if (r.compressedPages() > 0) {
                sb.append(", ").append(r.compressedPages()).append(" compressed");
            }
            if (r.xbzrlePages() > 0) {
                sb.append(", ").append(r.xbzrlePages()).append(" XBZRLE");
            }
        }
        if (!s.commands().isEmpty()) {
            sb.append(", commands");
            s.commands().forEach(c -> sb.append(' ').append(c.name()));
        }
        sb.append(s.vmdesc() != null ? ", vmdesc of "
                + Plural.count(s.vmdesc().devices().size(), "device") : ", no vmdesc");
        return sb.append(", ").append(Plural.count(s.length(), "octet")).toString();
    }

    private static void json(SavevmSource source, SavevmVerifier.Verdict v) throws IOException {
        VerdictOutput.json(source.name(), g -> {
            g.writeBooleanField("valid", v.valid());
            SavevmStream s = v.stream();
            if (s != null) {
                g.writeObjectFieldStart("stream");
                if (s.configuration() != null) {
                    g.writeStringField("machine", s.configuration().machineType());
                    g.writeArrayFieldStart("capabilities");
                    for (String c : s.configuration().capabilities()) {
                        g.writeString(c);
                    }
                    g.writeEndArray();
                }
                g.writeBooleanField("footers", s.footers());
                g.writeNumberField("pageSize", s.pageSize());
                g.writeArrayFieldStart("sections");
                for (Section sec : s.sections().values()) {
                    g.writeStartObject();
                    g.writeStringField("key", sec.header().key());
                    g.writeNumberField("offset", sec.header().offset());
                    g.writeNumberField("instance", sec.header().instanceId());
                    g.writeNumberField("version", sec.header().versionId());
                    if (sec.isRam()) {
                        g.writeArrayFieldStart("blocks");
                        for (RamBlock b : sec.ram().blocks()) {
                            g.writeStartObject();
                            g.writeStringField("name", b.name());
                            g.writeNumberField("length", b.length());
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                        g.writeNumberField("pages", sec.ram().pages());
                        g.writeNumberField("zeroPages", sec.ram().fillPages());
                        g.writeNumberField("compressedPages", sec.ram().compressedPages());
                        g.writeNumberField("xbzrlePages", sec.ram().xbzrlePages());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("commands");
                for (var c : s.commands()) {
                    g.writeString(c.toString());
                }
                g.writeEndArray();
                g.writeBooleanField("vmdesc", s.vmdesc() != null);
                g.writeNumberField("trailing", s.trailing());
                g.writeNumberField("octets", s.length());
                g.writeEndObject();
            }
        }, v.problems(), VerdictOutput.Keys.none());
    }
}
