package io.quantsinfra.core.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Port: the notification log. Each group notification has a key (receiver, group, sequence number); it is
 * claimed before it is sent and marked sent after. A claim is a conditional write: only one caller gets it.
 *
 * <p>States of one notification: {@code claimed} (an evaluator is sending it, until its cycle's deadline) →
 * {@code sent}; or → given back after a failed delivery (a later cycle claims it afresh); or → {@code deferred}
 * when the cycle's deadline came first: the entry keeps the endpoints that already have it, and the next cycle
 * takes it over and sends only to the others, so no endpoint gets it twice. A claim whose holder died is taken
 * over once its deadline has passed, or once it is {@link #STALE_CLAIM} old when it carries none.
 */
public interface NotificationLog {
    /** How old an unfinished claim without a deadline must be before another caller may take it over. */
    Duration STALE_CLAIM = Duration.ofMinutes(5);

    /** One entry, for listing. */
    record Entry(String receiver, String groupKey, long seq, String status, Instant at, String detail) {}

    /** A claim as granted: the endpoints that already have this notification (from a deferred earlier attempt). */
    record Claim(Set<String> delivered, boolean takenOver) {
        public static final Claim FRESH = new Claim(Set.of(), false);

        public Claim {
            delivered = Set.copyOf(delivered);
        }
    }

    Optional<GroupState> group(String receiver, String groupKey);

    /** The group's state, created with {@code firstSeen = now} if it did not exist (whoever creates it first wins). */
    GroupState open(String receiver, String groupKey, Instant now);

    /**
     * Claims notification {@code seq} of the group for {@code owner} until {@code until} (its cycle's deadline); empty
     * if someone else holds it or it was sent. A deferred notification, or a claim past its {@code until}, is taken
     * over.
     */
    Optional<Claim> claim(String receiver, String groupKey, long seq, String owner, Instant now, Instant until);

    /** Claims with no deadline of the caller's: taken over only once {@link #STALE_CLAIM} old. */
    default boolean claim(String receiver, String groupKey, long seq, String owner, Instant now) {
        return claim(receiver, groupKey, seq, owner, now, now.plus(STALE_CLAIM)).isPresent();
    }

    /** Marks {@code seq} sent and moves the group's state to it. */
    void sent(String receiver, String groupKey, long seq, String owner, Instant at, Set<String> firing, String detail);

    /** Gives a claim back after a failed delivery, so a later cycle tries again. */
    void abandon(String receiver, String groupKey, long seq, String owner, String detail);

    /**
     * Leaves a claimed notification for the next cycle: the deadline came before it was settled. {@code delivered}
     * (the endpoints that have it) is kept so that the taker sends only to the others.
     */
    void defer(String receiver, String groupKey, long seq, String owner, Instant at, Set<String> delivered, String detail);

    /** Forgets a group whose alerts have all resolved and been notified. */
    void close(String receiver, String groupKey, long seq);

    /** The latest entries, newest first. */
    List<Entry> recent(int limit);
}
