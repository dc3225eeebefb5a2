package dev.baton.core.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.describe.annotation.AsSubsection;
import dev.baton.core.describe.annotation.Description;
import dev.baton.core.describe.annotation.Equal;
import dev.baton.core.describe.annotation.Nullable;
import dev.baton.core.describe.annotation.Since;
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
