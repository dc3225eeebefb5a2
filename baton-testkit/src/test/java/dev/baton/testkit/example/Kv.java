package dev.baton.testkit.example;

import java.util.ArrayList;
import java.util.List;

/** The state of a small key-value service, the two-release example of the golden-stream kit. */
public final class Kv {
    private Kv() {
    }

    /** One entry; release 2.0 added expiry times. */
    public static final class Entry {
        String key = "";
        String value = "";
        long expiresAt;

        public Entry() {
        }

        Entry(String key, String value, long expiresAt) {
            this.key = key;
            this.value = value;
            this.expiresAt = expiresAt;
        }
    }

    /** The store; release 2.0 added a read-only flag. */
    public static final class Store {
        String name = "";
        List<Entry> entries = new ArrayList<>();
        long writes;
        boolean readOnly;
    }

    /** The state both releases' sample streams hold. */
    static Store sample() {
        Store s = new Store();
        s.name = "orders";
        s.entries = new ArrayList<>(List.of(new Entry("a", "1", 0), new Entry("b", "2", 1_900_000_000L),
                new Entry("c", "3", 0)));
        s.writes = 42;
        s.readOnly = true;
        return s;
    }
}
