package dev.baton.core.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.describe.annotation.AsSubsection;
import dev.baton.core.describe.annotation.CountField;
import dev.baton.core.describe.annotation.Description;
import dev.baton.core.describe.annotation.Equal;
import dev.baton.core.describe.annotation.Nullable;
import dev.baton.core.describe.annotation.Since;
import dev.baton.core.describe.annotation.Size;
import dev.baton.core.describe.annotation.Unsigned;
import dev.baton.core.describe.annotation.When;
import dev.baton.core.describe.annotation.Width;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.StateLoader;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.engine.Streams;
import dev.baton.core.wire.StreamFormatException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A description derived from a class, through the caller's lookup: private fields, a superclass's
 * fields first, in place (what a stream does not carry keeps the object's value), {@code when}
 * on a field and on methods, {@code equal}, a subsection; and a builder's description and a
 * derived one held by each other.
 */
class DerivedClassTest {

    static class Base {
        private long id;
    }

    private static final class Entry {
        private String key = "";
        private long value;

        Entry() {
        }

        Entry(String key, long value) {
            this.key = key;
            this.value = value;
        }
    }

    static final class Audit {
        private String by = "";
        private int count;
    }

    @Description(name = "account", version = 2)
    private static final class Account extends Base {
        private static int created;
        private String owner = "";
        private @Unsigned @Width(16) int port = 80;
        private @Equal int format = 2;
        private boolean premium;
        private @When("premium") long credit;
        private @Nullable @When("noted") String note;
        private @Since(2) @When("detailed") int detail = -1;
        private transient int cache = 99;
        private List<Entry> entries = new ArrayList<>();
        private @Nullable Entry last;
        private @AsSubsection(needed = "audited") Audit audit;

        Account() {
            created++;
        }

        private boolean noted() {
            return premium; // on load, premium is loaded before note
        }

        private boolean detailed(Context ctx) {
            return ctx.version() >= 2 && premium;
        }

        private boolean audited() {
            return audit.count > 0;
        }
    }

    private static final StateDescription<Account> ACCOUNT = Derivation.with(MethodHandles.lookup())
            .derive(Account.class);

    private static Account full() {
        Account a = new Account();
        ((Base) a).id = 42;
        a.owner = "ada";
        a.port = 65535;
        a.premium = true;
        a.credit = -5;
        a.note = "vip";
        a.detail = 3;
        a.cache = 1;
        a.entries.add(new Entry("a", 1));
        a.entries.add(new Entry("b", 2));
        a.last = new Entry("z", 26);
        a.audit = new Audit();
        a.audit.by = "ops";
        a.audit.count = 2;
        return a;
    }

    private static byte[] save(Account a, Map<String, String> properties) throws IOException {
        return Streams.save(StateSaver.of(new SectionRegistry().register("account", 0, ACCOUNT, a))
                .withProperties(properties), ByteOrder.BIG_ENDIAN);
    }

    private static Account load(byte[] stream, Account into) throws IOException {
        Streams.load(StateLoader.of(new SectionRegistry().register("account", 0, ACCOUNT, into)), stream);
        return into;
    }

    @Test
    void theTableHasTheSuperclassesFieldsFirstAndNoStaticOrTransientOnes() {
        assertThat(ACCOUNT.fields()).extracting(Field::toString).containsExactly("id:s64", "owner:string",
                "port:u16", "format:s32", "premium:bool", "credit:s64", "note:nstring", "detail:s32",
                "entries:list", "last:nullable");
        assertThat(ACCOUNT.subsections()).extracting(Subsection::name).containsExactly("account/audit");
        assertThat(ACCOUNT.version()).isEqualTo(2);
        assertThat(ACCOUNT.toJson()).contains("\"name\":\"credit\",\"kind\":\"s64\",\"when\":\"premium\"",
                "\"name\":\"format\",\"kind\":\"s32\",\"equal\":true", "\"entry\":{\"name\":\"entry\"");
    }

    @Test
    void aClassLoadsInPlaceThroughItsPrivateFields() throws IOException {
        Account a = full();
        Account b = load(save(a, Map.of()), new Account());
        assertThat(b).usingRecursiveComparison().ignoringFields("cache").isEqualTo(a);
        assertThat(b.cache).as("transient: not state").isEqualTo(99);
        assertThat(b.entries).isInstanceOf(ArrayList.class);
    }

    @Test
    void whatTheStreamDoesNotCarryKeepsTheObjectsValue() throws IOException {
        Account a = full();
        a.premium = false; // credit, note and detail are not written, nor read
        a.audit.count = 0; // the subsection is not needed
        Account b = load(save(a, Map.of()), new Account());
        assertThat(b.credit).isZero();
        assertThat(b.note).isNull();
        assertThat(b.detail).as("detail's when is off").isEqualTo(-1);
        assertThat(b.audit).isNull();
        assertThat(b.owner).isEqualTo("ada");
    }

    @Test
    void anEqualFieldMustMatchTheObjects() throws IOException {
        byte[] stream = save(full(), Map.of());
        Account other = new Account();
        other.format = 3;
        StreamFormatException e = CrossVersionMatrixTest.catchFormat(() -> load(stream, other));
        assertThat(e.getMessage()).contains("field format: must equal the local value: stream has 2, this build has 3");
    }

    @Test
    void aValueThatDoesNotFitItsWidthIsNotSaved() {
        Account a = full();
        a.port = 65536;
        assertThatThrownBy(() -> save(a, Map.of())).hasStackTraceContaining("field 'port' value 65536 does not fit u16");
    }

    // ---- accessors ------------------------------------------------------------------------------------

    /** A codec's getter or setter (every codec is a record with {@code get} and {@code set}). */
    static Object accessor(Codec<?> codec, String which) throws ReflectiveOperationException {
        for (java.lang.reflect.RecordComponent rc : codec.getClass().getRecordComponents()) {
            if (rc.getName().equals(which)) {
                return rc.getAccessor().invoke(codec);
            }
        }
        throw new AssertionError(codec + " has no " + which);
    }

    @Test
    void everyFieldIsReadAndWrittenByAClassOfItsOwnAsALambdaIs() throws Exception {
        for (Field<Account> f : ACCOUNT.fields()) {
            Object get = accessor(f.codec, "get");
            assertThat(get.getClass().isHidden()).as(f.name() + ": " + get.getClass()).isTrue();
            assertThat(get.getClass().getName()).as(f.name()).startsWith(
                    Account.class.getPackageName() + ".BatonAccess/");
            assertThat(accessor(f.codec, "set")).as(f.name()).isSameAs(get);
        }
        for (Field<DerivedVolume.Volume> f : DerivedVolume.DERIVED.fields()) { // a record's: getters only
            assertThat(accessor(f.codec, "get").getClass().getName()).as(f.name()).contains(".BatonAccess/");
            assertThat(accessor(f.codec, "set")).as(f.name()).isNull();
        }
    }

    /** Every primitive Java type, each way it may be written, and arrays: their accessors convert. */
    static final class Primitive {
        boolean flag;
        byte s8;
        @Unsigned byte u8;
        short s16;
        @Unsigned short u16;
        @Unsigned @Width(8) short u8s;
        char letter;
        int s32;
        @Unsigned int u32;
        @Unsigned @Width(8) int u8i;
        long s64;
        @Unsigned long u64;
        @Unsigned @Width(32) long u32l;
        @Width(16) long s16l;
        float f32;
        double f64;
        @Width(32) double f32d;
        @Size(2) int[] ints = new int[2];
        @Size(2) @Unsigned @Width(16) long[] longs = new long[2];
        @Size(1) double[] doubles = new double[1];
        int count;
        @CountField("count") byte[] octets = new byte[0];
        List<String> names = new ArrayList<>();
        Entry[] entries = new Entry[0];
    }

    @Test
    void everyPrimitiveTypeConvertsThroughItsOwnAccessors() throws Exception {
        StateDescription<Primitive> d = Derivation.with(MethodHandles.lookup()).derive(Primitive.class);
        assertThat(d.fields()).extracting(Field::toString).containsExactly("flag:bool", "s8:s8", "u8:u8", "s16:s16",
                "u16:u16", "u8s:u8", "letter:u16", "s32:s32", "u32:u32", "u8i:u8", "s64:s64", "u64:u64", "u32l:u32",
                "s16l:s16", "f32:f32", "f64:f64", "f32d:f32", "ints:array", "longs:array", "doubles:array",
                "count:s32", "octets:vbytes", "names:strings", "entries:list");
        for (Field<Primitive> f : d.fields()) {
            assertThat(accessor(f.codec, "set").getClass().getName()).as(f.name()).contains(".BatonAccess/");
        }
        Primitive p = new Primitive();
        p.flag = true;
        p.s8 = Byte.MIN_VALUE;
        p.u8 = (byte) 0xFF;
        p.s16 = Short.MIN_VALUE;
        p.u16 = (short) 0xFFFF;
        p.u8s = 200;
        p.letter = '\uFFFF';
        p.s32 = Integer.MIN_VALUE;
        p.u32 = -1; // 4294967295
        p.u8i = 255;
        p.s64 = Long.MIN_VALUE;
        p.u64 = -1;
        p.u32l = 0xFFFF_FFFFL;
        p.s16l = -32768;
        p.f32 = -1.5f;
        p.f64 = Math.PI;
        p.f32d = 0.25;
        p.ints = new int[] {-1, Integer.MAX_VALUE};
        p.longs = new long[] {0, 65535};
        p.doubles = new double[] {-Double.MAX_VALUE};
        p.count = 3;
        p.octets = new byte[] {1, 2, 3};
        p.names = new ArrayList<>(List.of("a", "b"));
        p.entries = new Entry[] {new Entry("x", 1)};
        byte[] stream = Streams.save(StateSaver.of(new SectionRegistry().register("primitive", 0, d, p)),
                ByteOrder.LITTLE_ENDIAN);
        ByteBuffer data = ByteBuffer.wrap(SectionDataTest.sectionData(stream)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(data.get(2)).isEqualTo((byte) 0xFF); // u8 255, after bool and s8
        assertThat(Integer.toUnsignedLong(data.getInt(1 + 1 + 1 + 2 + 2 + 1 + 2 + 4))).isEqualTo(0xFFFF_FFFFL); // u32
        Primitive back = new Primitive();
        Streams.load(StateLoader.of(new SectionRegistry().register("primitive", 0, d, back)), stream);
        assertThat(back).usingRecursiveComparison().isEqualTo(p);
    }

    static final class Plain {
        int count;
        String name = "";
        @Unsigned @Width(8) int level;
    }

    @Test
    void aLookupWithoutPrivateAccessDerivesThroughMethodHandles() throws Exception {
        StateDescription<Plain> plain = Derivation.with(MethodHandles.lookup().dropLookupMode(
                MethodHandles.Lookup.PRIVATE)).derive(Plain.class);
        assertThat(accessor(plain.fields().get(0).codec, "get")).isInstanceOf(Handles.IntGetter.class);
        Plain p = new Plain();
        p.count = -3;
        p.name = "x";
        p.level = 255;
        byte[] stream = Streams.save(StateSaver.of(new SectionRegistry().register("plain", 0, plain, p)),
                ByteOrder.BIG_ENDIAN);
        Plain back = new Plain();
        Streams.load(StateLoader.of(new SectionRegistry().register("plain", 0, plain, back)), stream);
        assertThat(back).usingRecursiveComparison().isEqualTo(p);
    }

    // ---- mixing: a builder's description and a derived one hold each other ----------------------------

    /** A class whose state only the builder can say: its token is written reversed. */
    static final class Token {
        String text = "";
    }

    static final StateDescription<Token> TOKEN = StateDescription.<Token>builder("token", Token::new)
            .string("text", t -> new StringBuilder(t.text).reverse().toString(),
                    (t, v) -> t.text = new StringBuilder(v).reverse().toString())
            .build();

    record Session(String user, Token token, List<Token> history) {
    }

    static final class Server {
        String name = "";
        Session current;
        List<Session> sessions = new ArrayList<>();
    }

    @Test
    void aDerivedDescriptionHoldsABuildersAndTheOtherWayRound() throws Exception {
        Derivation derivation = Derivation.with(MethodHandles.lookup()).describing(Token.class, TOKEN);
        StateDescription<Session> session = derivation.derive(Session.class);
        StateDescription<Server> server = StateDescription.<Server>builder("server", Server::new)
                .string("name", s -> s.name, (s, v) -> s.name = v)
                .struct("current", session, s -> s.current, (s, v) -> s.current = v)
                .list("sessions", session, s -> s.sessions, (s, v) -> s.sessions = v)
                .build();
        Token t = new Token();
        t.text = "abc";
        Server s = new Server();
        s.name = "db";
        s.current = new Session("ada", t, List.of(t, t));
        s.sessions.add(new Session("bob", t, List.of()));

        byte[] stream = Streams.save(StateSaver.of(new SectionRegistry().register("server", 0, server, s)),
                ByteOrder.BIG_ENDIAN);
        Server back = new Server();
        Streams.load(StateLoader.of(new SectionRegistry().register("server", 0, server, back)), stream);
        assertThat(back).usingRecursiveComparison().isEqualTo(s);
        assertThat(SectionDataTest.sectionData(stream)).containsSequence('c', 'b', 'a'); // the builder's codec wrote it
        assertThat(server.toJson()).contains("\"session\":{\"name\":\"session\"",
                "{\"name\":\"token\",\"kind\":\"struct\",\"description\":\"token\"}");
    }

    @Description(name = "holder/note")
    record Note(String text) {
    }

    static final class Holder {
        Note note;
    }

    @Test
    void aBuildersSubsectionMayHoldARecord() throws Exception {
        StateDescription<Holder> holder = StateDescription.<Holder>builder("holder", Holder::new)
                .subsection(Derivation.with(MethodHandles.lookup()).derive(Note.class), h -> h.note,
                        (h, v) -> h.note = v, (h, ctx) -> h.note != null)
                .build();
        Holder h = new Holder();
        h.note = new Note("hi");
        byte[] stream = Streams.save(StateSaver.of(new SectionRegistry().register("holder", 0, holder, h)),
                ByteOrder.BIG_ENDIAN);
        Holder back = new Holder();
        Streams.load(StateLoader.of(new SectionRegistry().register("holder", 0, holder, back)), stream);
        assertThat(back.note).isEqualTo(new Note("hi"));
    }
}
