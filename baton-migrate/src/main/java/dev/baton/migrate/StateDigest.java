package dev.baton.migrate;

import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import dev.baton.migrate.precopy.ObjectCollectionRegion;
import dev.baton.migrate.precopy.PagedRegion;
import dev.baton.migrate.precopy.Region;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A SHA-256 of an application's migrated state: every section as its description saves it, every
 * page of every paged region and every object of every collection, by id. Two instances with the
 * same state have the same digest, so it shows that a target loaded exactly what the source had,
 * and that a failed migration left the source's state as it was. Take it while the state does not
 * change (before the application runs, or while it is paused).
 */
public final class StateDigest {
    private StateDigest() {
    }

    /** The digest, as 64 hex digits. */
    public static String of(MigratableApplication app) {
        MessageDigest md = sha256();
        try (RecordWriter w = RecordWriter.open(new DigestOutputStream(OutputStream.nullOutputStream(), md),
                WriterOptions.defaults().withCreated(Instant.EPOCH))) {
            StateSaver.of(app.registry()).withDescription(false).writeSections(w);
            for (Region r : app.regions()) {
                md.update(r.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                switch (r) {
                    case PagedRegion p -> {
                        w.flush();
                        p.digest(md);
                    }
                    case ObjectCollectionRegion<?> o -> objects(o, w);
                }
            }
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static <T> void objects(ObjectCollectionRegion<T> o, RecordWriter w) {
        Map<Long, T> sorted = new TreeMap<>(o.view());
        sorted.forEach((id, object) -> {
            var body = w.begin(RecordTypes.OBJECT).putLong(id);
            synchronized (object) {
                o.description().save(object, body, DescriptionContext.empty());
            }
            body.end();
        });
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
