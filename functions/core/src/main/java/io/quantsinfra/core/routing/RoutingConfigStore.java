package io.quantsinfra.core.routing;

import java.util.Optional;

/** Port: the one routing config, versioned. */
public interface RoutingConfigStore {
    Optional<StoredRoutingConfig> get();

    /** Stores {@code config} if the stored version is {@code config.version() - 1}; ConflictException otherwise. */
    void put(StoredRoutingConfig config);
}
