package dev.baton.store.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NodeTreeTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void pathsAreXenstoresPaths() {
        assertThat(StorePath.valid("/")).isTrue();
        assertThat(StorePath.valid("/local/domain/0/name-x_y@z")).isTrue();
        assertThat(StorePath.problem("")).isEqualTo("empty path");
        assertThat(StorePath.problem("/a/")).isEqualTo("path ends with /");
        assertThat(StorePath.problem("/a b")).isEqualTo("character 0x20 is not allowed in a path");
        assertThat(StorePath.problem("/" + "a".repeat(StorePath.MAX_LENGTH))).isEqualTo("path longer than 3072 characters");
        assertThat(StorePath.parent("/a/b")).isEqualTo("/a");
        assertThat(StorePath.parent("/a")).isEqualTo("/");
        assertThat(StorePath.parent("/")).isNull();
        assertThat(StorePath.depth("/")).isZero();
        assertThat(StorePath.depth("/a/b")).isEqualTo(2);
        assertThat(StorePath.isChildOf("/a/b", "/a")).isTrue();
        assertThat(StorePath.isChildOf("/a", "/a")).isTrue();
        assertThat(StorePath.isChildOf("/ab", "/a")).isFalse();
        assertThat(StorePath.isChildOf("/x", "/")).isTrue();
    }

    @Test
    void ensureCreatesParentsInheritingPermissionsOwnedByTheCreator() {
        NodeTree t = new NodeTree();
        long g1 = t.nextGeneration();
        Node shared = t.ensure("/shared", 0, g1);
        t.setPerms(shared, Perms.parse("b0 r3"), g1);
        long g2 = t.nextGeneration();
        Node leaf = t.ensure("/shared/a/b", 5, g2);
        assertThat(leaf.path()).isEqualTo("/shared/a/b");
        assertThat(leaf.perms().toString()).isEqualTo("b5 r3");
        assertThat(t.find("/shared/a").perms().toString()).isEqualTo("b5 r3");
        assertThat(t.find("/shared").generation()).isEqualTo(g2); // it gained a child
        assertThat(t.find("/").generation()).isEqualTo(g1);
        assertThat(t.owned(5)).isEqualTo(2);
        assertThat(t.nodeCount()).isEqualTo(4);
        assertThat(t.missing("/shared/a/b/c/d")).isEqualTo(2);
        assertThat(t.nearestExisting("/shared/a/x/y").path()).isEqualTo("/shared/a");
        long g3 = t.nextGeneration();
        assertThat(t.remove(t.find("/shared/a"), g3)).isEqualTo(2);
        assertThat(t.owned(5)).isZero();
        assertThat(t.nodeCount()).isEqualTo(2);
        assertThat(t.find("/shared/a/b")).isNull();
        assertThat(t.find("/shared").generation()).isEqualTo(g3);
        assertThatThrownBy(() -> t.remove(t.root(), 9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void childrenTablesStayRightThroughManyInsertsAndRemovals() {
        NodeTree t = new NodeTree();
        Random random = new Random(42);
        TreeSet<String> model = new TreeSet<>();
        for (int round = 0; round < 20_000; round++) {
            String name = "k" + random.nextInt(3000);
            long g = t.nextGeneration();
            if (random.nextInt(3) == 0 && model.contains(name)) {
                t.remove(t.find("/d/" + name), g);
                model.remove(name);
            } else {
                t.ensure("/d/" + name, 0, g);
                model.add(name);
            }
            if (round % 997 == 0) {
                assertThat(t.find("/d") == null ? List.of() : t.find("/d").childNames()).containsExactlyElementsOf(model);
            }
        }
        for (int i = 0; i < 3000; i++) {
            assertThat(t.find("/d/k" + i) != null).isEqualTo(model.contains("k" + i));
        }
        for (String name : new ArrayList<>(model)) {
            t.remove(t.find("/d/" + name), t.nextGeneration());
        }
        assertThat(t.find("/d").childCount()).isZero();
        assertThat(t.nodeCount()).isEqualTo(2);
    }

    @Test
    void walksArePreOrderSortedAndResumable() {
        NodeTree t = new NodeTree();
        long g = t.nextGeneration();
        for (String p : List.of("/b/2", "/a/z", "/a/y/1", "/c", "/b/1/x")) {
            t.ensure(p, 0, g);
        }
        List<String> all = new ArrayList<>();
        t.forEach((p, n) -> all.add(p));
        assertThat(all).containsExactly("/", "/a", "/a/y", "/a/y/1", "/a/z", "/b", "/b/1", "/b/1/x", "/b/2", "/c");
        // in steps, the same nodes, each step going on where the last ended
        List<String> chunked = new ArrayList<>();
        NodeTree.Walk w = t.walk();
        int calls = 1;
        while (w.step(3, (p, n) -> chunked.add(p))) {
            calls++;
        }
        assertThat(chunked).containsExactlyInAnyOrderElementsOf(all);
        assertThat(calls).isEqualTo(4);
    }

    @Test
    void dirtyPathsSayWhatToSendAgain() {
        NodeTree t = new NodeTree();
        long g = t.nextGeneration();
        t.setValue(t.ensure("/a/b", 0, g), b("1"), g);
        t.ensure("/keep", 0, g);
        assertThatThrownBy(t::drainDirty).isInstanceOf(IllegalStateException.class);
        t.trackDirty(true);
        g = t.nextGeneration();
        t.setValue(t.find("/a/b"), b("2"), g);
        t.ensure("/new/x", 0, g);
        g = t.nextGeneration();
        t.remove(t.find("/a"), g);
        DirtyPaths d = t.drainDirty();
        assertThat(d.changed()).containsExactlyInAnyOrder("/a/b", "/", "/new", "/new/x");
        assertThat(d.removed()).containsExactly("/a");
        assertThat(t.drainDirty().isEmpty()).isTrue();
        t.trackDirty(false);
        assertThat(t.tracksDirty()).isFalse();
    }

    @Test
    void loadingAddsNodesParentsFirstWithoutChangingTheGeneration() {
        NodeTree t = new NodeTree();
        assertThat(t.load("/", b("root"), Perms.parse("r0"), 3)).isNotNull();
        assertThat(t.load("/a", b("x"), Perms.parse("b2"), 5)).isNotNull();
        assertThat(t.load("/a/b/c", b("x"), Perms.parse("b2"), 5)).isNull(); // parent missing
        assertThat(t.load("/a", b("y"), Perms.parse("b2"), 5)).isNull();     // exists
        assertThat(t.generation()).isZero();
        assertThat(t.owned(2)).isEqualTo(1);
        assertThat(t.owned(0)).isEqualTo(1);
        assertThat(t.root().perms().toString()).isEqualTo("r0");
    }

    @Test
    void ownedNodesAreCountedForEveryDomidUpToTheHighest() {
        NodeTree t = new NodeTree();
        assertThat(t.owned(65535)).isZero();
        Node a = t.ensure("/a", 0, 1);
        t.setPerms(a, Perms.parse("n65535"), 2);
        Node b = t.ensure("/a/b", 7, 3);
        assertThat(t.owned(65535)).isEqualTo(1);
        assertThat(t.owned(7)).isEqualTo(1);
        assertThat(t.owned(0)).isEqualTo(1);
        t.setPerms(b, Perms.parse("n3"), 4);
        assertThat(t.owned(7)).isZero();
        assertThat(t.owned(3)).isEqualTo(1);
        t.remove(a, 5);
        assertThat(t.owned(65535)).isZero();
        assertThat(t.owned(3)).isZero();
        assertThat(t.nodeCount()).isEqualTo(1);
    }

    @Test
    void permissionsFollowXenstoresRules() {
        Perms p = Perms.parse("n1 r2 w3 b4");
        assertThat(p.owner()).isEqualTo(1);
        assertThat(p.accessFor(0)).isEqualTo(Access.BOTH);
        assertThat(p.accessFor(1)).isEqualTo(Access.BOTH);
        assertThat(p.accessFor(2)).isEqualTo(Access.READ);
        assertThat(p.accessFor(3)).isEqualTo(Access.WRITE);
        assertThat(p.accessFor(4)).isEqualTo(Access.BOTH);
        assertThat(p.accessFor(9)).isEqualTo(Access.NONE);
        assertThat(Perms.parse("r1")).isSameAs(Perms.parse("r1"));
        assertThat(Perms.parse("x1")).isNull();
        assertThat(Perms.parse("r70000")).isNull();
        assertThat(p.inheritedBy(7).toString()).isEqualTo("n7 r2 w3 b4");
        assertThat(p.inheritedBy(0)).isSameAs(p);
    }

    @Test
    void aWalkInStepsVisitsParentsFirstAndSkipsWhatWasRemovedBetweenSteps() {
        NodeTree t = new NodeTree();
        long g = t.nextGeneration();
        for (String p : List.of("/b/2", "/a/z", "/a/y/1", "/c", "/b/1/x")) {
            t.ensure(p, 0, g);
        }
        List<String> all = new ArrayList<>();
        NodeTree.Walk w = t.walk();
        int steps = 0;
        boolean more;
        do {
            more = w.step(3, (p, n) -> {
                assertThat(n.path()).isEqualTo(p);
                all.add(p);
            });
            steps++;
        } while (more);
        assertThat(steps).isEqualTo(4);
        assertThat(w.step(3, (p, n) -> all.add(p))).isFalse(); // a finished walk visits nothing more
        assertThat(all).containsExactlyInAnyOrder("/", "/a", "/a/y", "/a/y/1", "/a/z", "/b", "/b/1", "/b/1/x", "/b/2",
                "/c");
        for (String p : all) {
            if (!p.equals("/")) {
                assertThat(all.indexOf(StorePath.parent(p))).isLessThan(all.indexOf(p));
            }
        }
        // between steps: a subtree removed is skipped, whether its directory was entered or not
        List<String> seen = new ArrayList<>();
        NodeTree.Walk v = t.walk();
        v.step(1, (p, n) -> seen.add(p)); // the root: its children are listed now
        t.remove(t.find("/a"), t.nextGeneration());
        t.remove(t.find("/b/1"), t.nextGeneration());
        while (v.step(1, (p, n) -> seen.add(p))) {
        }
        assertThat(seen).containsExactlyInAnyOrder("/", "/b", "/b/2", "/c");
    }

    @Test
    void raisingGenerationsGivesEveryNodeAtLeastThatOneUntilItChangesAgain() {
        NodeTree t = new NodeTree();
        t.put("/", b(""), Perms.PRIVATE, 0);
        t.put("/a", b("1"), Perms.PRIVATE, 0);
        t.put("/a/b", b("2"), Perms.PRIVATE, 0);
        t.setGeneration(40);
        assertThat(t.find("/a/b").generation()).isZero();
        t.raiseGenerations(t.generation());
        assertThat(t.find("/").generation()).isEqualTo(40);
        assertThat(t.find("/a").generation()).isEqualTo(40);
        assertThat(t.find("/a/b").generation()).isEqualTo(40);
        long g = t.nextGeneration();
        t.setValue(t.find("/a/b"), b("3"), g);
        Node made = t.ensure("/a/c", 0, g);
        assertThat(t.find("/a/b").generation()).isEqualTo(41);
        assertThat(made.generation()).isEqualTo(41);
        assertThat(t.find("/a").generation()).isEqualTo(41); // it gained a child
        assertThat(t.find("/").generation()).isEqualTo(40);
        t.raiseGenerations(10); // never lowers
        assertThat(t.find("/").generation()).isEqualTo(40);
        assertThat(t.find("/a/b").generation()).isEqualTo(41);
    }

    @Test
    void putReplicatesANodeUnderAnExistingParentOnly() {
        NodeTree t = new NodeTree();
        assertThat(t.put("/a/b", b("x"), Perms.PRIVATE, 3)).isFalse();
        assertThat(t.put("/a", b("1"), Perms.parse("n5"), 3)).isTrue();
        assertThat(t.put("/a/b", b("2"), Perms.PRIVATE, 4)).isTrue();
        assertThat(t.put("/a", b("one"), Perms.PRIVATE, 5)).isTrue(); // in place: its child stays
        assertThat(t.nodeCount()).isEqualTo(3);
        assertThat(t.owned(5)).isZero();
        assertThat(new String(t.find("/a").value(), StandardCharsets.US_ASCII)).isEqualTo("one");
        assertThat(t.find("/a").generation()).isEqualTo(5);
        assertThat(t.find("/a/b").generation()).isEqualTo(4);
        assertThat(t.put("/", b("r"), Perms.parse("n7"), 6)).isTrue();
        assertThat(t.owned(7)).isEqualTo(1);
        assertThat(t.nodeCount()).isEqualTo(3);
    }

    @Test
    void putFindsTheLastParentAgainButNeverOneRemovedSince() {
        NodeTree t = new NodeTree();
        assertThat(t.put("/", b(""), Perms.PRIVATE, 1)).isTrue();
        assertThat(t.put("/d", b(""), Perms.PRIVATE, 1)).isTrue();
        assertThat(t.put("/d/k1", b("1"), Perms.PRIVATE, 1)).isTrue();
        assertThat(t.put("/d/k2", b("2"), Perms.PRIVATE, 1)).isTrue(); // the parent of the put before
        assertThat(t.put("/dd/k1", b("x"), Perms.PRIVATE, 1)).isFalse(); // "/d" begins the path, but is not its parent
        assertThat(t.put("/d/k2/e", b("3"), Perms.PRIVATE, 1)).isTrue(); // "/d" begins it too; its parent is k2
        assertThat(t.find("/d/k2/e").parent()).isSameAs(t.find("/d/k2"));
        assertThat(t.find("/d").childNames()).containsExactly("k1", "k2");

        Node d = t.find("/d");
        assertThat(t.drop("/d")).isEqualTo(4);
        assertThat(t.put("/d/k3", b("3"), Perms.PRIVATE, 2)).isFalse(); // not under the removed "/d"
        assertThat(d.childNames()).containsExactly("k1", "k2");
        assertThat(t.put("/d", b(""), Perms.PRIVATE, 2)).isTrue();
        assertThat(t.put("/d/k3", b("3"), Perms.PRIVATE, 2)).isTrue();
        assertThat(t.find("/d/k3").parent()).isSameAs(t.find("/d")).isNotSameAs(d);
        assertThat(t.nodeCount()).isEqualTo(3);
    }
}
