package io.quantsinfra.core.inmemory;

import io.quantsinfra.core.dispatch.GroupState;
import io.quantsinfra.core.dispatch.NotificationLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The notification log in memory, with the DynamoDB adapter's conditions. */
public final class InMemoryNotificationLog implements NotificationLog {
    private record Claim(String owner, Instant at, Instant until, String status, Set<String> delivered, String detail) {}

    private final Map<String, GroupState> groups = new ConcurrentHashMap<>();
    private final Map<String, Claim> claims = new ConcurrentHashMap<>();
    private final List<Entry> entries = new ArrayList<>();

    private static String key(String receiver, String groupKey) {
        return receiver + "|" + groupKey;
    }

    @Override
    public Optional<GroupState> group(String receiver, String groupKey) {
        return Optional.ofNullable(groups.get(key(receiver, groupKey)));
    }

    @Override
    public synchronized GroupState open(String receiver, String groupKey, Instant now) {
        return groups.computeIfAbsent(key(receiver, groupKey), k -> new GroupState(receiver, groupKey, now, 0, null, Set.of()));
    }

    @Override
    public synchronized Optional<NotificationLog.Claim> claim(String receiver, String groupKey, long seq, String owner,
                                                            Instant now, Instant until) {
        String k = key(receiver, groupKey) + "#" + seq;
        Claim c = claims.get(k);
        boolean stale = c != null && c.status().equals("claimed")
                && (c.until().isBefore(now) || c.at().plus(STALE_CLAIM).isBefore(now));
        boolean deferred = c != null && c.status().equals("deferred");
        if (c != null && !stale && !deferred) {
            return Optional.empty();
        }
        Set<String> delivered = c == null ? Set.of() : c.delivered();
        claims.put(k, new Claim(owner, now, until, "claimed", delivered, null));
        return Optional.of(new NotificationLog.Claim(delivered, c != null));
    }

    @Override
    public synchronized void defer(String receiver, String groupKey, long seq, String owner, Instant at, Set<String> delivered,
                                   String detail) {
        String k = key(receiver, groupKey) + "#" + seq;
        Claim c = claims.get(k);
        if (c != null && c.owner().equals(owner) && c.status().equals("claimed")) {
            claims.put(k, new Claim(owner, at, at, "deferred", Set.copyOf(delivered), detail));
        }
        entries.add(new Entry(receiver, groupKey, seq, "deferred", at, detail));
    }

    @Override
    public synchronized void sent(String receiver, String groupKey, long seq, String owner, Instant at, Set<String> firing,
                                  String detail) {
        claims.put(key(receiver, groupKey) + "#" + seq, new Claim(owner, at, at, "sent", Set.of(), detail));
        GroupState g = groups.get(key(receiver, groupKey));
        if (g != null && g.seq() == seq - 1) {
            groups.put(key(receiver, groupKey), new GroupState(receiver, groupKey, g.firstSeen(), seq, at, firing));
        }
        entries.add(new Entry(receiver, groupKey, seq, "sent", at, detail));
    }

    @Override
    public synchronized void abandon(String receiver, String groupKey, long seq, String owner, String detail) {
        String k = key(receiver, groupKey) + "#" + seq;
        Claim c = claims.get(k);
        if (c != null && c.owner().equals(owner) && c.status().equals("claimed")) {
            claims.remove(k);
        }
        entries.add(new Entry(receiver, groupKey, seq, "failed", Instant.now(), detail));
    }

    @Override
    public synchronized void close(String receiver, String groupKey, long seq) {
        GroupState g = groups.get(key(receiver, groupKey));
        if (g != null && g.seq() == seq) {
            groups.remove(key(receiver, groupKey));
        }
    }

    @Override
    public synchronized List<Entry> recent(int limit) {
        List<Entry> l = new ArrayList<>(entries);
        l.sort(Comparator.comparing(Entry::at).reversed());
        return l.subList(0, Math.min(limit, l.size()));
    }
}
