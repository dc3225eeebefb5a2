package com.example.kv;

import java.util.ArrayList;
import java.util.List;

/** A key-value service's state, release 1.0: a named store of entries that counts its writes. */
public final class Kv {
    private Kv() {
    }

    /** The store. */
    public static final class Store {
        public String name = "";
        public List<Entry> entries = new ArrayList<>();
        public long writes;
    }

    /** One entry. */
    public static final class Entry {
        public String key = "";
        public String value = "";
    }
}
