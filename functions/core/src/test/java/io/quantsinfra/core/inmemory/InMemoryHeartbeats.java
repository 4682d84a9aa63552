package io.quantsinfra.core.inmemory;

import io.quantsinfra.core.evaluation.Heartbeats;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Heartbeats in memory. */
public final class InMemoryHeartbeats implements Heartbeats {
    private final Map<String, Instant> beats = new ConcurrentHashMap<>();

    @Override
    public void beat(String name, Instant at) {
        beats.put(name, at);
    }

    @Override
    public Optional<Instant> last(String name) {
        return Optional.ofNullable(beats.get(name));
    }
}
