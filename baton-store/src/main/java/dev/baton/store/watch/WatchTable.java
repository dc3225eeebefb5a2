package dev.baton.store.watch;

import dev.baton.store.tree.StorePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every registered watch, indexed by watched path so that an event on a path finds its watches
 * by looking at the path's ancestors only. Watches keep their registration order, which is the
 * order in which one change fires them (and the order they are saved in, so a migrated store
 * fires them in the same order).
 */
public final class WatchTable {
    private final Map<String, List<Watch>> byPath = new HashMap<>();
    /** Registration order, with each watch's registration number. */
    private final LinkedHashMap<Watch, Long> ordered = new LinkedHashMap<>();
    private long registered;
    private final Map<Long, Integer> perConnection = new HashMap<>();

    /** Registers a watch; false when the connection already has one with that path and token. */
    public boolean add(Watch w) {
        if (find(w.connectionId(), w.path(), w.token()) != null) {
            return false;
        }
        byPath.computeIfAbsent(w.path(), p -> new ArrayList<>(2)).add(w);
        ordered.put(w, registered++);
        perConnection.merge(w.connectionId(), 1, Integer::sum);
        return true;
    }

    /** The connection's watch with that path and token, or null. */
    public Watch find(long connectionId, String path, String token) {
        List<Watch> list = byPath.get(path);
        if (list != null) {
            for (Watch w : list) {
                if (w.connectionId() == connectionId && w.token().equals(token)) {
                    return w;
                }
            }
        }
        return null;
    }

    /** Removes the connection's watch with that path and token; false when there is none. */
    public boolean remove(long connectionId, String path, String token) {
        Watch w = find(connectionId, path, token);
        if (w == null) {
            return false;
        }
        drop(w);
        return true;
    }

    /** Removes every watch of a connection. */
    public void removeAll(long connectionId) {
        if (!perConnection.containsKey(connectionId)) {
            return;
        }
        for (Watch w : new ArrayList<>(ordered.keySet())) {
            if (w.connectionId() == connectionId) {
                drop(w);
            }
        }
    }

    private void drop(Watch w) {
        List<Watch> list = byPath.get(w.path());
        list.remove(w);
        if (list.isEmpty()) {
            byPath.remove(w.path());
        }
        ordered.remove(w);
        perConnection.computeIfPresent(w.connectionId(), (k, n) -> n == 1 ? null : n - 1);
    }

    /** Watches the connection holds. */
    public int count(long connectionId) {
        return perConnection.getOrDefault(connectionId, 0);
    }

    /** Every watch, in registration order. */
    public List<Watch> all() {
        return new ArrayList<>(ordered.keySet());
    }

    public int size() {
        return ordered.size();
    }

    /** A watch that fires, and the path its event reports. */
    public record Match(Watch watch, String eventPath) {
    }

    /**
     * The watches a change of {@code path} fires, in registration order: those on the path or
     * an ancestor, within their depth.
     */
    public List<Match> matching(String path) {
        List<Match> out = new ArrayList<>();
        if (byPath.isEmpty()) {
            return out;
        }
        int depth = StorePath.depth(path);
        collect(StorePath.ROOT, path, depth, out);
        for (int i = 2; i <= path.length() && path.length() > 1; i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                collect(path.substring(0, i), path, depth, out);
            }
        }
        if (out.size() > 1) {
            sortByRegistration(out);
        }
        return out;
    }

    private void collect(String watched, String path, int depth, List<Match> out) {
        List<Watch> list = byPath.get(watched);
        if (list == null) {
            return;
        }
        int below = depth - StorePath.depth(watched);
        for (Watch w : list) {
            if (below <= w.depth()) {
                out.add(new Match(w, path));
            }
        }
    }

    /**
     * The watches the removal of the subtree at {@code root} fires: those {@link #matching} the
     * root, and those watching a path inside the removed subtree, which report their own path
     * (as xenstore does for the recursive removal of a watched path's parent).
     */
    public List<Match> matchingRemoval(String root) {
        List<Match> out = matching(root);
        if (ordered.size() > out.size()) {
            for (Watch w : ordered.keySet()) {
                if (w.path().length() > root.length() && StorePath.isChildOf(w.path(), root)) {
                    out.add(new Match(w, w.path()));
                }
            }
            if (out.size() > 1) {
                sortByRegistration(out);
            }
        }
        return out;
    }

    private void sortByRegistration(List<Match> out) {
        out.sort((a, b) -> Long.compare(ordered.get(a.watch()), ordered.get(b.watch())));
    }
}
