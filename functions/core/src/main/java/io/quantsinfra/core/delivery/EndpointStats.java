package io.quantsinfra.core.delivery;

import java.time.Instant;
import java.util.List;

/** Port: per-endpoint counters, the per-minute rate limit and the round-robin position, shared by every evaluator. */
public interface EndpointStats {

    /** The counters of one endpoint. */
    record Stat(String receiver, String endpoint, long attempts, long successes, long failures, long rateLimited,
                long totalLatencyMs, int lastStatus, String lastError, Instant lastAt, boolean lastOk) {
        public double successRate() {
            return attempts == 0 ? 0 : (double) successes / attempts;
        }

        public double averageLatencyMs() {
            return attempts == 0 ? 0 : (double) totalLatencyMs / attempts;
        }
    }

    /** Adds one attempt's outcome. */
    void record(String receiver, String endpoint, boolean ok, long latencyMs, int status, String error, Instant at);

    /** Counts one refusal by the rate limit. */
    void rateLimited(String receiver, String endpoint, Instant at);

    /**
     * Takes one send from the endpoint's allowance for the minute of {@code now}; false when {@code limit}
     * sends were already taken in that minute. Atomic across concurrent callers.
     */
    boolean tryAcquire(String receiver, String endpoint, int limit, Instant now);

    /** Sends taken in the minute of {@code now}. */
    int used(String receiver, String endpoint, Instant now);

    /** The next round-robin position of a receiver (0, 1, 2, ...). */
    long nextRoundRobin(String receiver);

    List<Stat> all();
}
