package dev.baton.store.live;

import dev.baton.core.engine.ReleaseProfiles;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.StaticData;
import dev.baton.core.engine.StreamRefusedException;
import dev.baton.core.wire.StreamRecord;
import dev.baton.migrate.MigratableApplication;
import dev.baton.migrate.session.MigrationEvent;
import dev.baton.migrate.precopy.ThrottleSteps;
import dev.baton.migrate.session.MigrationProtocol;
import dev.baton.core.engine.Part;
import dev.baton.migrate.session.SourceContext;
import dev.baton.migrate.session.Stage;
import dev.baton.migrate.session.StageTable;
import dev.baton.migrate.session.TargetContext;
import dev.baton.migrate.session.TargetStep;
import dev.baton.store.server.Release;
import dev.baton.store.server.Store;
import dev.baton.store.state.StoreDescriptions;
import dev.baton.store.state.StoreRelease1;
import dev.baton.store.state.StoreRelease2;
import dev.baton.store.state.StoreState;
import dev.baton.store.tree.Access;
import dev.baton.store.tree.DirtyPaths;
import dev.baton.store.tree.Node;
import dev.baton.store.tree.NodeTree;
import dev.baton.store.tree.Perm;
import dev.baton.store.tree.Perms;
import dev.baton.store.tree.StorePath;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A store as a {@link MigratableApplication}: what a live update moves. The node tree is
 * pre-copied by two stages of the store's own (the whole tree in chunks while the store serves,
 * then rounds of dirty paths until few are left; after the pause, the last dirty paths), as NODE
 * and DROP records; the rest (header, connections, watches, transactions, queued output) goes at
 * switchover as the sections of {@link StoreState#forSaving(Store, StoreDescriptions, boolean)}
 * without nodes.
 *
 * <p>Stage table (protocol 1): static-sections, store-tree, precopy, stop-and-copy,
 * store-tree-final, dynamic-sections.
 */
public final class StoreApplication implements MigratableApplication {
    public static final String NAME = "baton-store";
    /** A node as it is now: u64 generation (0 without generations), path, value, perms. */
    public static final int NODE = 0x4000_0201;
    /** A removed subtree: its path. */
    public static final int DROP = 0x4000_0202;
    /** Nodes read under the store's lock at a time in the first round. */
    static final int CHUNK = 2000;
    /** A round that sends at most this many nodes ends the live rounds. */
    static final int CONVERGED = 300;
    static final int MAX_ROUNDS = 30;

    public static final MigrationProtocol PROTOCOL = protocol();

    private final Store store;
    private final StoreDescriptions descriptions;
    private final SectionRegistry registry;
    private final ReleaseProfiles profiles;
    private final boolean source;
    private Consumer<StoreApplication> onActivate = a -> { };
    private Runnable onResume = () -> { };
    private Consumer<Boolean> onHandedOver = c -> { };
    private Consumer<LiveProgress> progress = p -> { };
    /** Passes made while the store served: the number of the last pass, made paused. */
    private int livePasses;
    /** Target, for failure tests: "static", "precopy", "loaded" or "activate". */
    private String failAt = "";
    private long recordsLoaded;
    /**
     * What the switchover's warm-up loaded: on the target once the pre-copy's first node came, on
     * the source before its first pass; null before.
     */
    private SwitchoverWarmup.Loaded warmup;

    private StoreApplication(Store store, boolean source) {
        this.store = store;
        this.source = source;
        if (source) {
            descriptions = StoreRelease2.DESCRIPTIONS;
            registry = StoreState.forSaving(store, descriptions, false);
            profiles = StoreRelease2.RELEASES;
        } else if (store.release() == Release.R1_0) {
            descriptions = StoreRelease1.DESCRIPTIONS;
            registry = StoreState.forLoading(store, descriptions, false);
            profiles = ReleaseProfiles.builder().release("1.0").pin("store.generation", "off")
                    .pin("store.watch-depth", "off").build();
        } else {
            descriptions = StoreRelease2.DESCRIPTIONS;
            registry = StoreState.forLoading(store, descriptions, false);
            profiles = StoreRelease2.RELEASES;
        }
    }

    /** The running store, to send. */
    public static StoreApplication source(Store store, Runnable onResume, Consumer<Boolean> onHandedOver) {
        return source(store, onResume, onHandedOver, p -> { });
    }

    /**
     * The running store, to send; {@code progress} hears how far the tree has got (on the
     * session's thread, after each chunk of the first pass and after every pass).
     */
    public static StoreApplication source(Store store, Runnable onResume, Consumer<Boolean> onHandedOver,
            Consumer<LiveProgress> progress) {
        StoreApplication a = new StoreApplication(store, true);
        a.onResume = onResume;
        a.onHandedOver = onHandedOver;
        a.progress = progress;
        return a;
    }

    /** A fresh store to receive into; {@code onActivate} starts serving it. */
    public static StoreApplication target(Store fresh, Consumer<StoreApplication> onActivate, String failAt) {
        StoreApplication a = new StoreApplication(fresh, false);
        a.onActivate = onActivate;
        a.failAt = failAt == null ? "" : failAt;
        return a;
    }

    public Store store() {
        return store;
    }

    /**
     * What the switchover's warm-up ({@link SwitchoverWarmup}) loaded into its scratch store: on
     * a target once the tree began to arrive, on a source before it began to send it; null before.
     */
    SwitchoverWarmup.Loaded warmup() {
        return warmup;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return store.release().label();
    }

    @Override
    public SectionRegistry registry() {
        return registry;
    }

    @Override
    public ReleaseProfiles profiles() {
        return profiles;
    }

    // ---- source ---------------------------------------------------------------------------------

    @Override
    public void pause() {
        store.pause();
    }

    /** Slows the store's clients ({@link Store#throttle}): its requests are what dirty the tree. */
    @Override
    public void throttle(int percent) {
        store.throttle(percent);
    }

    @Override
    public void resume() {
        stopTracking();
        store.unpause();
        onResume.run();
    }

    @Override
    public void handedOver(boolean confirmed) {
        onHandedOver.accept(confirmed);
    }

    /** The session failed before the pause: stop recording dirty paths. */
    public void stopTracking() {
        store.locked(() -> {
            store.tree().trackDirty(false);
            return null;
        });
    }

    // ---- target ---------------------------------------------------------------------------------

    @Override
    public void checkStaticData(StaticData data) throws StreamRefusedException {
        if (failAt.equals("static")) {
            throw new StreamRefusedException("this target was told to refuse (--fail-at static)");
        }
    }

    @Override
    public void verifyLoaded() throws StreamRefusedException {
        if (failAt.equals("loaded")) {
            Runtime.getRuntime().halt(3);
        }
        // the header's check compared the node count already; release 1.0 streams carry no generations:
        // every node reads the store's, at once (a walk of the tree here would grow the downtime with it)
        if (!generations) {
            store.tree().raiseGenerations(store.tree().generation());
        }
    }

    private boolean generations = true;

    @Override
    public void activate() {
        if (failAt.equals("activate")) {
            Runtime.getRuntime().halt(3); // after ACK and GO, before serving: the source gets no DONE
        }
        onActivate.accept(this);
    }

    // ---- the stages -----------------------------------------------------------------------------

    private static MigrationProtocol protocol() {
        TargetStep nodes = new TargetStep() {
            @Override
            public void record(TargetContext ctx, StreamRecord record) throws IOException {
                ((StoreApplication) ctx.application()).load(ctx, record);
            }
        };
        Map<Integer, String> types = Map.of(NODE, "STORE_NODE", DROP, "STORE_DROP");
        StageTable table = StageTable.standard()
                .insertAfter("static-sections", Stage.of("store-tree", Part.DYNAMIC,
                        ctx -> ((StoreApplication) ctx.application()).sendLive(ctx), nodes).withRecordTypes(types))
                .insertAfter("stop-and-copy", Stage.of("store-tree-final", Part.DYNAMIC,
                        ctx -> ((StoreApplication) ctx.application()).sendFinal(ctx), nodes).withRecordTypes(types));
        return MigrationProtocol.of(1, table);
    }

    private static boolean withGenerations(SourceContext ctx) {
        return !"off".equals(ctx.descriptionContext().property("store.generation"));
    }

    /** A node to send, read under the lock (values and perms are never changed in place). */
    private record Copied(String path, byte[] value, Perms perms, long generation) {
    }

    private void sendLive(SourceContext ctx) throws IOException {
        boolean gens = withGenerations(ctx);
        long total = store.locked(() -> {
            store.tree().trackDirty(true);
            return store.tree().nodeCount();
        });
        // the switchover's saving, once, on scratch stores, while the store serves (a store that never sent itself
        // saves its connections, watches and transactions for the first time inside the downtime otherwise)
        warmup = SwitchoverWarmup.run(store.release(), descriptions, profiles);
        long start = ctx.clock().nanoTime();
        long startOffset = ctx.writer().offset();
        long count = 0;
        ctx.passBegins();
        NodeTree.Walk walk = store.locked(() -> store.tree().walk());
        boolean more;
        do {
            List<Copied> chunk = new ArrayList<>(CHUNK);
            long[] dirty = new long[1];
            more = store.locked(() -> {
                boolean rest = walk.step(CHUNK, (p, n) -> chunk.add(new Copied(p, n.value(), n.perms(), n.generation())));
                dirty[0] = store.tree().dirtyCount();
                return rest;
            });
            for (Copied c : chunk) {
                writeNode(ctx, c, gens);
            }
            count += chunk.size();
            // nodes made during the pass may be visited too: never report more sent than to send
            progress.accept(new LiveProgress(0, false, count, Math.max(total, count), ctx.writer().offset(), dirty[0]));
        } while (more);
        ctx.passEnds();
        ctx.writer().flush();
        iteration(ctx, 0, startOffset, count, start, false);
        if (ThrottleSteps.stalled(false, dirtyCount(), count)) {
            ctx.stalled(0);
        }
        long limitMillis = ctx.policy().downtimeLimit().toMillis();
        int sent = 0;
        long changed = 0;
        for (int i = 1; i < MAX_ROUNDS; i++) {
            long s = ctx.clock().nanoTime();
            long o = ctx.writer().offset();
            ctx.passBegins();
            sent = round(ctx, gens);
            ctx.passEnds();
            ctx.writer().flush();
            progress.accept(new LiveProgress(i, false, sent, sent, ctx.writer().offset(), dirtyCount()));
            iteration(ctx, i, o, sent, s, false);
            livePasses = i + 1;
            // a round this small fits the downtime; the target's backlog of earlier rounds may not: then wait
            // for the target to load it, and make another round of what changed meanwhile
            if (sent <= CONVERGED && !(i + 1 < MAX_ROUNDS && ctx.waitForTarget(i, 0))) {
                ctx.listener().event(new MigrationEvent.Switchover(MigrationEvent.Reason.CONVERGED, i + 1, 0,
                        ctx.expectedDowntimeNanos(0) / 1_000_000, limitMillis));
                return;
            }
            if (sent <= CONVERGED) {
                continue;
            }
            // paths changed since the round took its list, until now: at least half what it sent, and it is not
            // shrinking fast enough
            changed = dirtyCount();
            if (ThrottleSteps.stalled(false, changed, sent)) {
                ctx.stalled(i);
            }
        }
        ctx.limitReached("pre-copy of the store's tree did not converge in " + MAX_ROUNDS + " passes: the last sent "
                + sent + " nodes while " + changed + " paths changed, and a switchover waits for a pass of "
                + CONVERGED + " or fewer");
        ctx.listener().event(new MigrationEvent.Switchover(MigrationEvent.Reason.ITERATION_LIMIT, MAX_ROUNDS, 0, 0,
                limitMillis));
    }

    private void sendFinal(SourceContext ctx) throws IOException {
        long s = ctx.clock().nanoTime();
        long o = ctx.writer().offset();
        int sent = round(ctx, withGenerations(ctx));
        stopTracking(); // paused, nothing changes any more; or a rehearsal, which sends no more
        progress.accept(new LiveProgress(livePasses, ctx.paused(), sent, sent, ctx.writer().offset(), 0));
        iteration(ctx, ctx.paused() ? MAX_ROUNDS : 0, o, sent, s, ctx.paused());
    }

    private long dirtyCount() {
        return store.locked(() -> (long) store.tree().dirtyCount());
    }

    private static void iteration(SourceContext ctx, int index, long fromOffset, long objects, long startNanos,
            boolean paused) {
        long octets = ctx.writer().offset() - fromOffset;
        long nanos = Math.max(1, ctx.clock().nanoTime() - startNanos);
        ctx.iteration(new MigrationEvent.Iteration(index, octets, 0, objects, nanos, 0, 0, octets * 1e9 / nanos, 0,
                paused));
        ctx.progress(ctx.writer().offset());
    }

    /** One round: what changed since the last, read under the lock; drops first, then nodes parents first. */
    private int round(SourceContext ctx, boolean gens) throws IOException {
        List<String> removed = new ArrayList<>();
        List<Copied> send = new ArrayList<>();
        store.locked(() -> {
            NodeTree tree = store.tree();
            DirtyPaths d = tree.drainDirty();
            for (String root : d.removed()) {
                boolean inner = false;
                for (String r : d.removed()) {
                    if (!r.equals(root) && StorePath.isChildOf(root, r)) {
                        inner = true;
                        break;
                    }
                }
                if (!inner) {
                    removed.add(root);
                    Node now = tree.find(root);
                    if (now != null) { // removed and made again: what is there now, whole
                        subtree(root, now, send);
                    }
                }
            }
            for (String p : d.changed()) {
                Node n = tree.find(p);
                if (n != null) {
                    send.add(new Copied(p, n.value(), n.perms(), n.generation()));
                }
            }
            return null;
        });
        for (String r : removed) {
            byte[] p = r.getBytes(StandardCharsets.UTF_8);
            ctx.writer().begin(DROP).putInt(p.length).put(p).end();
        }
        send.sort(Comparator.comparingInt(c -> StorePath.depth(c.path)));
        for (Copied c : send) {
            writeNode(ctx, c, gens);
        }
        return removed.size() + send.size();
    }

    private static void subtree(String path, Node n, List<Copied> into) {
        into.add(new Copied(path, n.value(), n.perms(), n.generation()));
        for (Node c : n.sortedChildren()) {
            subtree(StorePath.join(path, c.name()), c, into);
        }
    }

    private static void writeNode(SourceContext ctx, Copied c, boolean gens) throws IOException {
        var body = ctx.writer().begin(NODE).putLong(gens ? c.generation : 0).putUtf8WithLength(c.path)
                .putInt(c.value.length).put(c.value).putU16(c.perms.size());
        for (int i = 0; i < c.perms.size(); i++) {
            Perm perm = c.perms.get(i);
            body.putU16(perm.domid()).putU8(perm.access().id());
        }
        body.end();
    }

    private void load(TargetContext ctx, StreamRecord record) throws IOException {
        if (failAt.equals("precopy") && ++recordsLoaded > 1000) {
            Runtime.getRuntime().halt(3);
        }
        generations = !"off".equals(ctx.descriptionContext().property("store.generation"));
        if (warmup == null) {
            // the tree has begun to stream: its time is the switchover's to warm up in
            warmup = SwitchoverWarmup.run(store.release(), descriptions, profiles);
        }
        ByteBuffer b = record.bodyView(); // no buffer object per record: a pre-copy loads a million
        switch (record.type()) {
            case NODE -> {
                long gen = b.getLong();
                String path = utf8(b, record);
                byte[] value = new byte[b.getInt()];
                b.get(value);
                int n = Short.toUnsignedInt(b.getShort());
                Perms perms = perms(b, n);
                if (!StorePath.valid(path) || n == 0) {
                    throw record.error("invalid node " + path, 0);
                }
                if (!store.tree().put(path, value, perms, gen)) {
                    throw record.error("node " + path + " came before its parent", 0);
                }
            }
            case DROP -> store.tree().drop(utf8(b, record));
            default -> throw record.error(record.typeName() + " in stage '" + ctx.stage() + "'", 0);
        }
    }

    /** The octets of the last node's {@code n} permissions, and what they decoded to. */
    private byte[] lastPerms = new byte[0];
    private Perms lastDecoded;

    /**
     * The {@code n} permissions at the buffer's position (u16 domid, u8 access each), moving past
     * them; null for none. Nodes mostly share their permissions with the node before (a directory's keys): then
     * the octets match and the same {@link Perms} serves, without decoding or allocating.
     */
    private Perms perms(ByteBuffer b, int n) {
        int octets = 3 * n;
        int at = b.position();
        if (n == 0) {
            return null; // the caller refuses the node
        }
        if (lastDecoded != null && lastPerms.length == octets && octets <= b.remaining() && samePerms(b, at)) {
            b.position(at + octets);
            return lastDecoded;
        }
        List<Perm> perms = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            perms.add(new Perm(Short.toUnsignedInt(b.getShort()), Access.byId(Byte.toUnsignedInt(b.get()))));
        }
        lastPerms = new byte[octets];
        b.get(at, lastPerms);
        lastDecoded = Perms.of(perms);
        return lastDecoded;
    }

    /** Whether the octets at {@code at} are {@link #lastPerms} (compared in place, allocating nothing). */
    private boolean samePerms(ByteBuffer b, int at) {
        for (int i = 0; i < lastPerms.length; i++) {
            if (b.get(at + i) != lastPerms[i]) {
                return false;
            }
        }
        return true;
    }

    /** A path's octets on their way to its string: one array for every record rather than one each. */
    private byte[] pathOctets = new byte[64];

    private String utf8(ByteBuffer b, StreamRecord record) throws IOException {
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
            throw record.error("path length " + len, 0);
        }
        if (len > pathOctets.length) {
            pathOctets = new byte[Math.max(len, 2 * pathOctets.length)];
        }
        b.get(pathOctets, 0, len);
        return new String(pathOctets, 0, len, StandardCharsets.UTF_8);
    }
}
