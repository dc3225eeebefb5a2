package com.example.kv;

import java.util.ArrayList;
import java.util.List;

/** A key-value service's state, release 3.0: a store counts its reads too. */
public final class Kv {
    private Kv() {
    }

    /** The store. */
    public static final class Store {
        public String name = "";
        public List<Entry> entries = new ArrayList<>();
        public long writes;
        public boolean readOnly;
        public long reads;
    }

    /** One entry; {@code expiresAt} 0 means never. */
    public static final class Entry {
        public String key = "";
        public String value = "";
        public long expiresAt;
    }
}
