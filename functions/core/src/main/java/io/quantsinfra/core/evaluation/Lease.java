package io.quantsinfra.core.evaluation;

import java.time.Duration;
import java.time.Instant;

/** Port: a named lease, so that one evaluator runs at a time; it expires on its own if its holder dies. */
public interface Lease {
    /** Takes the lease for {@code owner} until {@code now + ttl} if it is free or expired; false when someone holds it. */
    boolean acquire(String name, String owner, Instant now, Duration ttl);

    /** Gives the lease back if {@code owner} still holds it. */
    void release(String name, String owner);
}
