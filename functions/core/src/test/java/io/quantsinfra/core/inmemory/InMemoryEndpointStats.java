package io.quantsinfra.core.inmemory;

import io.quantsinfra.core.delivery.EndpointStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Endpoint stats, rate limits and round-robin positions in memory. */
public final class InMemoryEndpointStats implements EndpointStats {
    private final Map<String, Stat> stats = new ConcurrentHashMap<>();
    private final Map<String, Integer> used = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> rr = new ConcurrentHashMap<>();

    @Override
    public synchronized void record(String receiver, String endpoint, boolean ok, long latencyMs, int status, String error,
                                    Instant at) {
        Stat s = stats.getOrDefault(receiver + "/" + endpoint,
                new Stat(receiver, endpoint, 0, 0, 0, 0, 0, 0, null, null, true));
        stats.put(receiver + "/" + endpoint, new Stat(receiver, endpoint, s.attempts() + 1, s.successes() + (ok ? 1 : 0),
                s.failures() + (ok ? 0 : 1), s.rateLimited(), s.totalLatencyMs() + latencyMs, status, ok ? null : error, at, ok));
    }

    @Override
    public synchronized void rateLimited(String receiver, String endpoint, Instant at) {
        Stat s = stats.getOrDefault(receiver + "/" + endpoint,
                new Stat(receiver, endpoint, 0, 0, 0, 0, 0, 0, null, null, true));
        stats.put(receiver + "/" + endpoint, new Stat(receiver, endpoint, s.attempts(), s.successes(), s.failures(),
                s.rateLimited() + 1, s.totalLatencyMs(), s.lastStatus(), s.lastError(), s.lastAt(), s.lastOk()));
    }

    @Override
    public synchronized boolean tryAcquire(String receiver, String endpoint, int limit, Instant now) {
        String k = receiver + "/" + endpoint + "#" + now.getEpochSecond() / 60;
        int n = used.getOrDefault(k, 0);
        if (n >= limit) {
            return false;
        }
        used.put(k, n + 1);
        return true;
    }

    @Override
    public int used(String receiver, String endpoint, Instant now) {
        return used.getOrDefault(receiver + "/" + endpoint + "#" + now.getEpochSecond() / 60, 0);
    }

    @Override
    public long nextRoundRobin(String receiver) {
        return rr.computeIfAbsent(receiver, k -> new AtomicLong(-1)).incrementAndGet();
    }

    @Override
    public List<Stat> all() {
        return new ArrayList<>(stats.values());
    }
}
