package dev.baton.migrate.session;

import dev.baton.core.engine.ReleaseProfiles;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.StaticData;
import dev.baton.core.engine.StreamRefusedException;
import dev.baton.migrate.MigratableApplication;
import dev.baton.migrate.precopy.Region;
import java.util.List;

/** An application that forwards to another; tests override the hooks they change. */
class Delegating implements MigratableApplication {
    final MigratableApplication inner;

    Delegating(MigratableApplication inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String version() {
        return inner.version();
    }

    @Override
    public SectionRegistry registry() {
        return inner.registry();
    }

    @Override
    public List<Region> regions() {
        return inner.regions();
    }

    @Override
    public ReleaseProfiles profiles() {
        return inner.profiles();
    }

    @Override
    public void pause() {
        inner.pause();
    }

    @Override
    public void resume() {
        inner.resume();
    }

    @Override
    public void handedOver(boolean confirmed) {
        inner.handedOver(confirmed);
    }

    @Override
    public void checkStaticData(StaticData data) throws StreamRefusedException {
        inner.checkStaticData(data);
    }

    @Override
    public void verifyLoaded() throws StreamRefusedException {
        inner.verifyLoaded();
    }

    @Override
    public void activate() {
        inner.activate();
    }

    @Override
    public void discard() {
        inner.discard();
    }
}
