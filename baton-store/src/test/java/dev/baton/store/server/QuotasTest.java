package dev.baton.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.store.client.StoreClient;
import dev.baton.store.client.StoreTransaction;
import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.StoreException;
import dev.baton.store.tree.Access;
import dev.baton.store.tree.Perm;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Quotas bind unprivileged domains (EQUOTA), are set by domain 0 store-wide or per domain. */
class QuotasTest {
    private StoreFixture f;
    private StoreClient dom0;
    private StoreClient guest;

    @BeforeEach
    void start() throws Exception {
        f = new StoreFixture();
        dom0 = f.client(0);
        guest = f.client(4);
        dom0.mkdir("/local/domain/4");
        dom0.setPerms("/local/domain/4", List.of(new Perm(4, Access.NONE)));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static void quota(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOf(StoreException.class).extracting(e -> ((StoreException) e).code())
                .isEqualTo(ErrorCode.EQUOTA);
    }

    @Test
    void theDefaultsAreReadable() {
        assertThat(guest.getQuota("nodes")).isEqualTo(1000);
        assertThat(guest.getQuota("value-size")).isEqualTo(4096);
        assertThat(guest.getQuota("watches")).isEqualTo(128);
        assertThat(guest.getQuota("transactions")).isEqualTo(10);
        assertThat(guest.getQuota("perms")).isEqualTo(5);
        assertThat(guest.getQuota("output")).isEqualTo(65536);
        assertThatThrownBy(() -> guest.getQuota("nodes", 0)).hasMessageStartingWith("EPERM");
        assertThatThrownBy(() -> guest.getQuota("frobs")).hasMessageStartingWith("EINVAL unknown quota".replace(" unknown", ": unknown"));
    }

    @Test
    void nodesADomainOwns() {
        dom0.setQuota("nodes", 4, 4); // /local/domain/4 is 4's already
        assertThat(guest.getQuota("nodes")).isEqualTo(4);
        assertThat(dom0.getQuota("nodes", 4)).isEqualTo(4);
        guest.write("/local/domain/4/a", "1");
        guest.write("/local/domain/4/b", "1");
        quota(() -> guest.write("/local/domain/4/c/d", "1")); // two more: over
        guest.write("/local/domain/4/c", "1");
        quota(() -> guest.mkdir("/local/domain/4/e"));
        guest.write("/local/domain/4/a", "rewrite is fine");
        guest.rm("/local/domain/4/b");
        guest.write("/local/domain/4/e", "room again");
        dom0.write("/local/domain/4/by-dom0", "privileged writers are not bound"); // owned by 0
    }

    @Test
    void nodesCreatedByATransactionCountAtCommit() {
        dom0.setQuota("nodes", 3, 4); // /local/domain/4 is 4's already
        StoreTransaction t = guest.transaction();
        t.write("/local/domain/4/x", "1");
        t.write("/local/domain/4/y", "1");
        guest.write("/local/domain/4/z", "1");                                // now one is left
        assertThatThrownBy(t::commit).extracting(e -> ((StoreException) e).code()).isIn(ErrorCode.EQUOTA,
                ErrorCode.EAGAIN);                                              // the directory changed, too
        StoreTransaction again = guest.transaction();
        again.write("/local/domain/4/x", "1");
        again.write("/local/domain/4/y", "1");
        quota(again::commit);
    }

    @Test
    void valueSizePermsWatchesAndTransactions() {
        dom0.setQuota("value-size", 8);
        guest.write("/local/domain/4/v", "12345678");
        quota(() -> guest.write("/local/domain/4/v", "123456789"));
        dom0.write("/big", "123456789 and more: domain 0 is not bound");

        quota(() -> guest.setPerms("/local/domain/4", List.of(new Perm(4, Access.NONE), new Perm(1, Access.READ),
                new Perm(2, Access.READ), new Perm(3, Access.READ), new Perm(5, Access.READ), new Perm(6, Access.READ))));

        dom0.setQuota("watches", 2, 4);
        guest.watch("/local/domain/4", "1");
        guest.watch("/local/domain/4", "2");
        quota(() -> guest.watch("/local/domain/4", "3"));
        guest.unwatch("/local/domain/4", "1");
        guest.watch("/local/domain/4", "3");

        dom0.setQuota("transactions", 1, 4);
        StoreTransaction t = guest.transaction();
        quota(guest::transaction);
        t.abort();
        guest.transaction().abort();
    }

    @Test
    void onlyDomain0SetsQuotas() {
        assertThatThrownBy(() -> guest.setQuota("nodes", 1_000_000)).isInstanceOf(StoreException.class)
                .extracting(e -> ((StoreException) e).code()).isEqualTo(ErrorCode.EPERM);
    }
}
