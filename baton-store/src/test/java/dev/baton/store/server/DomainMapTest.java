package dev.baton.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The domain map's format (docs/STORE.md): what it maps, and each bad line as one error naming file:line. */
class DomainMapTest {
    private static final Path FILE = Path.of("domains");

    @Test
    void subjectsMatchAsNamesNotAsText() throws Exception {
        DomainMap m = DomainMap.parse(FILE, "# toolstack\n\nCN=toolstack, O=Example = 0\n  CN=guest-1 =1  \n");
        assertThat(m.size()).isEqualTo(2);
        assertThat(m.domain(new X500Principal("cn=Toolstack,o=example"))).contains(0);
        assertThat(m.domain(new X500Principal("CN=guest-1"))).contains(1);
        assertThat(m.domain(new X500Principal("CN=guest-1,O=Example"))).isEqualTo(Optional.empty());
    }

    @Test
    void eachBadLineIsOneErrorNamingFileAndLine() {
        bad("CN=a = 1\nnothing here\n", "domains:2: expected SUBJECT = DOMID, found 'nothing here'");
        bad(" = 1", "domains:1: no subject before '='");
        bad("CN=a = one", "domains:1: domid 'one' is not a decimal from 0 to 65535");
        bad("CN=a = -1", "domains:1: domid '-1' is not a decimal from 0 to 65535");
        bad("CN=a = 65536", "domains:1: domid 65536 is over 65535");
        bad("CN=a = ", "domains:1: domid '' is not a decimal from 0 to 65535");
        bad("CN=a = 1\n\ncn=A = 2", "domains:3: subject 'cn=A' is mapped already on line 1");
        assertThatThrownBy(() -> DomainMap.parse(FILE, "a,b = 1")).isInstanceOf(DomainMap.MalformedException.class)
                .hasMessageStartingWith("domains:1: 'a,b' is not a distinguished name (");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("map"), new byte[] {'C', 'N', '=', (byte) 0xff, ' ', '=', ' ', '1'});
        assertThatThrownBy(() -> DomainMap.read(f)).hasMessage(f + ":1: not UTF-8 text");
    }

    private static void bad(String text, String message) {
        assertThatThrownBy(() -> DomainMap.parse(FILE, text)).isInstanceOf(DomainMap.MalformedException.class)
                .hasMessage(message);
    }
}
