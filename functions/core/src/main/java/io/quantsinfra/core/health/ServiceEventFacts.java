package io.quantsinfra.core.health;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of an ECS service's event log, e.g.
 * {@code (service freqtrade-1) has reached a steady state.}
 *
 * {@snippet :
 * var e = new ServiceEventFacts("(service freqtrade-1) has reached a steady state.", Instant.now());
 * }
 *
 * @param message the event text as ECS wrote it
 * @param createdAt when ECS logged it
 */
public record ServiceEventFacts(String message, Instant createdAt) {

    public ServiceEventFacts {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
