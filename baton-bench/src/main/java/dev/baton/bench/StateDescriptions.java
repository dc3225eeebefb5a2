package dev.baton.bench;

import dev.baton.bench.describe.BatonCodec;
import dev.baton.bench.describe.ForyCodec;
import dev.baton.bench.describe.KryoCodec;
import dev.baton.bench.describe.ProtobufCodec;
import dev.baton.bench.describe.Subject;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Saving and loading one value through Baton's state descriptions, side by side with Apache
 * Fory (compatible mode), Kryo ({@code CompatibleFieldSerializer}) and protobuf-java (issue 3).
 * The values are jvm-serializers' MediaContent and a struct of 100 primitive fields
 * ({@link Subject}); {@code batonDerived} runs the same description derived from the classes
 * (issue 16: within 5% of the builder's), and {@code batonWire} writes and reads Baton's same
 * octets by hand, without the description, to show what the description table costs.
 *
 * <p>A save encodes the value into the library's reused buffer and returns the octet count; a
 * load decodes the library's own octets of the value into new objects and returns them. The
 * codecs ({@code dev.baton.bench.describe}) say exactly what each does.
 *
 * <p>Short settings (one fork, 3 + 5 one-second iterations): the 24 benchmarks take about
 * five minutes; {@code bin/bench describe-report} adds {@code -prof gc} and prints the table
 * of docs/PERFORMANCE.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class StateDescriptions {
    @Param({Subject.MEDIA, Subject.PRIMITIVES})
    public String value;

    private BatonCodec<?> baton;
    private BatonCodec<?> batonDerived;
    private BatonCodec<?> batonWire;
    private ForyCodec fory;
    private KryoCodec kryo;
    private ProtobufCodec protobuf;

    private static <T> BatonCodec<T> derived(Subject<T> subject) {
        return new BatonCodec<>(subject, subject.derived());
    }

    @Setup(Level.Trial)
    public void setUp() {
        Subject<?> subject = Subject.named(value);
        baton = new BatonCodec<>(subject, false);
        batonDerived = derived(subject);
        batonWire = new BatonCodec<>(subject, true);
        fory = new ForyCodec(subject);
        kryo = new KryoCodec(subject);
        protobuf = new ProtobufCodec(subject);
    }

    @Benchmark
    public int batonSave() {
        return baton.save();
    }

    @Benchmark
    public Object batonLoad() throws Exception {
        return baton.load();
    }

    @Benchmark
    public int batonDerivedSave() {
        return batonDerived.save();
    }

    @Benchmark
    public Object batonDerivedLoad() throws Exception {
        return batonDerived.load();
    }

    @Benchmark
    public int batonWireSave() {
        return batonWire.save();
    }

    @Benchmark
    public Object batonWireLoad() throws Exception {
        return batonWire.load();
    }

    @Benchmark
    public int forySave() {
        return fory.save();
    }

    @Benchmark
    public Object foryLoad() {
        return fory.load();
    }

    @Benchmark
    public int kryoSave() {
        return kryo.save();
    }

    @Benchmark
    public Object kryoLoad() {
        return kryo.load();
    }

    @Benchmark
    public int protobufSave() {
        return protobuf.save();
    }

    @Benchmark
    public Object protobufLoad() throws Exception {
        return protobuf.load();
    }
}
