package io.quantsinfra.core.deploy;

import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.evaluation.Lease;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * One lock per service, held by every change to its instances or its stored config (deploy, scale, destroy,
 * start/stop/restart), so two changes — a retried CLI call, two people, a destroy racing a deploy — never
 * interleave. Whatever a change decides (which instances exist, what to create, update or delete) is read
 * after the lock is taken; a read made before it may only answer "nothing to do".
 */
final class ServiceLocks {
    /** Longer than any single lifecycle call runs (API Gateway stops waiting after 30 s). */
    static final Duration TTL = Duration.ofMinutes(2);

    private final Lease lease;
    private final Clock clock;

    ServiceLocks(Lease lease, Clock clock) {
        this.lease = lease;
        this.clock = clock;
    }

    /** Takes {@code service}'s lock for {@code actor}, or refuses with a conflict when someone else holds it. */
    Held take(String service, String actor) {
        String owner = actor + "/" + UUID.randomUUID();
        String name = name(service);
        if (!lease.acquire(name, owner, clock.instant(), TTL)) {
            throw new ConflictException("another change to " + service + " is in progress; try again when it has finished");
        }
        return () -> lease.release(name, owner);
    }

    /** The lease name of a service's lock. */
    static String name(String service) {
        return "service/" + service;
    }

    /** A held service lock; closing gives it back. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
