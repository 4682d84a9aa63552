package io.quantsinfra.core.inmemory;

import io.quantsinfra.core.evaluation.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A lease in memory. */
public final class InMemoryLease implements Lease {
    private record Held(String owner, Instant until) {}

    private final Map<String, Held> held = new HashMap<>();

    @Override
    public synchronized boolean acquire(String name, String owner, Instant now, Duration ttl) {
        Held h = held.get(name);
        if (h != null && !h.owner().equals(owner) && now.isBefore(h.until())) {
            return false;
        }
        held.put(name, new Held(owner, now.plus(ttl)));
        return true;
    }

    @Override
    public synchronized void release(String name, String owner) {
        Held h = held.get(name);
        if (h != null && h.owner().equals(owner)) {
            held.remove(name);
        }
    }
}
