package dev.baton.qemu.savevm;

import dev.baton.core.wire.Problems;
import dev.baton.qemu.vmdesc.FieldDecoder;
import java.util.function.LongConsumer;

/**
 * How a {@link SavevmReader} reads.
 *
 * @param problems   what becomes of problems that leave the framing intact (a footer naming the
 *                   wrong section, a subsection the vmdesc does not list, trailing octets): thrown
 *                   ({@link Problems#stop()}, the default), or collected while reading goes on
 * @param ram        receives RAM pages as they stream by
 * @param checkPages inflate compressed pages and check XBZRLE deltas even when the sink does not
 *                   want their octets
 * @param progress   told the stream offset now and then; {@code null} for none
 * @param maxTail    most octets held from a pipe between the first device section and the end
 *                   of the stream (device state and the vmdesc come last and must wait for it)
 * @param maxValues  most decoded device-state values
 */
public record SavevmOptions(Problems problems, RamSink ram, boolean checkPages,
        LongConsumer progress, int maxTail, int maxValues) {

    /** 64 MiB: a VM's device state and vmdesc are well below 10 MiB (analyze-migration.py's window). */
    public static final int DEFAULT_MAX_TAIL = 64 << 20;

    /** Strict, no RAM sink, no progress. */
    public static SavevmOptions defaults() {
        return new SavevmOptions(Problems.stop(), RamSink.NONE, false, null, DEFAULT_MAX_TAIL, FieldDecoder.DEFAULT_MAX_VALUES);
    }

    /** What becomes of problems that leave the framing intact: {@link Problems#collect} them to read on. */
    public SavevmOptions withProblems(Problems p) {
        return new SavevmOptions(p, ram, checkPages, progress, maxTail, maxValues);
    }

    public SavevmOptions withRam(RamSink sink) {
        return new SavevmOptions(problems, sink, checkPages, progress, maxTail, maxValues);
    }

    public SavevmOptions withCheckPages(boolean check) {
        return new SavevmOptions(problems, ram, check, progress, maxTail, maxValues);
    }

    public SavevmOptions withProgress(LongConsumer p) {
        return new SavevmOptions(problems, ram, checkPages, p, maxTail, maxValues);
    }

    public SavevmOptions withMaxTail(int max) {
        return new SavevmOptions(problems, ram, checkPages, progress, max, maxValues);
    }

    public SavevmOptions withMaxValues(int max) {
        return new SavevmOptions(problems, ram, checkPages, progress, maxTail, max);
    }
}
