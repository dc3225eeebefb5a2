package dev.baton.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.store.client.StoreClient;
import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.StoreException;
import dev.baton.store.tree.Access;
import dev.baton.store.tree.Perm;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** xenstore's permissions: the owner may do everything, the first entry's access is the default, domain 0 is privileged. */
class PermissionsTest {
    private StoreFixture f;
    private StoreClient dom0;
    private StoreClient dom1;
    private StoreClient dom2;

    @BeforeEach
    void start() throws Exception {
        f = new StoreFixture();
        dom0 = f.client(0);
        dom1 = f.client(1);
        dom2 = f.client(2);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static void denied(Runnable r, ErrorCode code) {
        assertThatThrownBy(r::run).isInstanceOf(StoreException.class).extracting(e -> ((StoreException) e).code())
                .isEqualTo(code);
    }

    @Test
    void theRootIsPrivateToDomain0() {
        assertThat(dom0.getPerms("/")).containsExactly(new Perm(0, Access.NONE));
        denied(() -> dom1.read("/"), ErrorCode.EACCES);
        denied(() -> dom1.write("/x", "1"), ErrorCode.EACCES);
        denied(() -> dom1.directory("/"), ErrorCode.EACCES);
        dom0.write("/x", "1");
        denied(() -> dom1.read("/x"), ErrorCode.EACCES); // inherited from the root
    }

    @Test
    void theOwnerMayDoEverythingAndOthersGetTheDefault() {
        dom0.mkdir("/local/domain/1");
        dom0.setPerms("/local/domain/1", List.of(new Perm(1, Access.NONE)));
        dom1.write("/local/domain/1/name", "guest");
        assertThat(dom1.readString("/local/domain/1/name")).isEqualTo("guest");
        denied(() -> dom2.read("/local/domain/1/name"), ErrorCode.EACCES);
        assertThat(dom0.readString("/local/domain/1/name")).isEqualTo("guest"); // privileged
        // the node dom1 created is dom1's, with the parent's default for others
        assertThat(dom0.getPerms("/local/domain/1/name")).containsExactly(new Perm(1, Access.NONE));

        dom1.setPerms("/local/domain/1/name", List.of(new Perm(1, Access.READ)));
        assertThat(dom2.readString("/local/domain/1/name")).isEqualTo("guest"); // default is now read
        denied(() -> dom2.write("/local/domain/1/name", "x"), ErrorCode.EACCES);
        dom1.write("/local/domain/1/name", "still mine"); // the owner may write whatever the default
    }

    @Test
    void aclEntriesGrantToTheDomainsTheyName() {
        dom0.write("/shared", "");
        dom0.setPerms("/shared", List.of(new Perm(0, Access.NONE), new Perm(1, Access.READ), new Perm(2, Access.BOTH)));
        assertThat(dom1.readString("/shared")).isEmpty();
        denied(() -> dom1.write("/shared", "x"), ErrorCode.EACCES);
        dom2.write("/shared", "from 2");
        dom2.write("/shared/child", "c"); // write on the parent lets it create
        assertThat(dom0.getPerms("/shared/child")).containsExactly(new Perm(2, Access.NONE), new Perm(1, Access.READ),
                new Perm(2, Access.BOTH));
        denied(() -> dom1.write("/shared/other", "x"), ErrorCode.EACCES);
        denied(() -> dom1.rm("/shared"), ErrorCode.EACCES);
        assertThat(dom1.directory("/shared")).containsExactly("child");
    }

    @Test
    void writeOnlyAccessLetsAWriterWriteButNotRead() {
        dom0.write("/drop", "");
        dom0.setPerms("/drop", List.of(new Perm(0, Access.WRITE)));
        dom1.write("/drop", "secret");
        denied(() -> dom1.read("/drop"), ErrorCode.EACCES);
        denied(() -> dom1.getPerms("/drop"), ErrorCode.EACCES);
    }

    @Test
    void onlyTheOwnerOrDomain0SetsPermissionsAndOnlyDomain0ChangesTheOwner() {
        dom0.write("/n", "");
        dom0.setPerms("/n", List.of(new Perm(1, Access.NONE), new Perm(2, Access.BOTH)));
        denied(() -> dom2.setPerms("/n", List.of(new Perm(1, Access.BOTH))), ErrorCode.EACCES); // may write, not owner
        denied(() -> dom1.setPerms("/n", List.of(new Perm(2, Access.BOTH))), ErrorCode.EPERM);
        dom1.setPerms("/n", List.of(new Perm(1, Access.READ)));
        dom0.setPerms("/n", List.of(new Perm(2, Access.NONE)));
        assertThat(dom0.getPerms("/n")).containsExactly(new Perm(2, Access.NONE));
    }

    @Test
    void mkdirOfAnExistingNodeNeedsWriteAccessAndChangesNothing() {
        dom0.write("/ro", "v");
        dom0.setPerms("/ro", List.of(new Perm(0, Access.READ)));
        denied(() -> dom1.mkdir("/ro"), ErrorCode.EACCES);
        dom0.mkdir("/ro");
        assertThat(dom0.readString("/ro")).isEqualTo("v");
    }

    @Test
    void permissionsApplyInsideTransactions() {
        dom0.write("/t", "");
        dom0.setPerms("/t", List.of(new Perm(0, Access.READ)));
        var t = dom1.transaction();
        assertThat(t.readString("/t")).isEmpty();
        denied(() -> t.write("/t/x", "1"), ErrorCode.EACCES);
        t.abort();
    }
}
