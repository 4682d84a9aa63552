package io.quantsinfra.core.dispatch;

import java.time.Instant;
import java.util.Set;

/**
 * What the log knows of one group of one receiver: when it was first seen, how many notifications went out
 * ({@code seq}), when the last one did and which alerts (fingerprints) were firing in it.
 */
public record GroupState(String receiver, String groupKey, Instant firstSeen, long seq, Instant lastSentAt,
                         Set<String> lastFiring) {
    public GroupState {
        lastFiring = Set.copyOf(lastFiring);
    }
}
