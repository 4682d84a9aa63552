package io.quantsinfra.core.inmemory;

import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.routing.RoutingConfigStore;
import io.quantsinfra.core.routing.StoredRoutingConfig;
import java.util.Optional;

/** The routing config in memory. */
public final class InMemoryRoutingConfigStore implements RoutingConfigStore {
    private StoredRoutingConfig config;

    @Override
    public synchronized Optional<StoredRoutingConfig> get() {
        return Optional.ofNullable(config);
    }

    @Override
    public synchronized void put(StoredRoutingConfig c) {
        if ((config == null ? 0 : config.version()) != c.version() - 1) {
            throw new ConflictException("the routing config changed meanwhile");
        }
        config = c;
    }
}
