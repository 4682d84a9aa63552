package io.quantsinfra.core.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Port: the notification log. Each group notification has a key (receiver, group, sequence number); it is
 * claimed before it is sent and marked sent after. A claim is a conditional write: only one caller gets it. A
 * claim left by a caller that died before finishing can be taken over once it is {@link #STALE_CLAIM} old.
 */
public interface NotificationLog {
    /** How old an unfinished claim must be before another caller may take it over. */
    Duration STALE_CLAIM = Duration.ofMinutes(5);

    /** One entry, for listing. */
    record Entry(String receiver, String groupKey, long seq, String status, Instant at, String detail) {}

    Optional<GroupState> group(String receiver, String groupKey);

    /** The group's state, created with {@code firstSeen = now} if it did not exist (whoever creates it first wins). */
    GroupState open(String receiver, String groupKey, Instant now);

    /** Claims notification {@code seq} of the group for {@code owner}; false if someone else has it (or sent it). */
    boolean claim(String receiver, String groupKey, long seq, String owner, Instant now);

    /** Marks {@code seq} sent and moves the group's state to it. */
    void sent(String receiver, String groupKey, long seq, String owner, Instant at, Set<String> firing, String detail);

    /** Gives a claim back after a failed delivery, so a later cycle tries again. */
    void abandon(String receiver, String groupKey, long seq, String owner, String detail);

    /** Forgets a group whose alerts have all resolved and been notified. */
    void close(String receiver, String groupKey, long seq);

    /** The latest entries, newest first. */
    List<Entry> recent(int limit);
}
