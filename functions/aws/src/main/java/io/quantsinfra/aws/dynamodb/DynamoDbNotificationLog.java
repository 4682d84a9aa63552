package io.quantsinfra.aws.dynamodb;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.dispatch.GroupState;
import io.quantsinfra.core.dispatch.NotificationLog;
import io.quantsinfra.core.error.ConflictException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The notification log. Group states live under {@code NOTIFYGROUP / <receiver>|<group>}; each notification
 * under {@code NOTIFYLOG / <receiver>|<group>|<seq>}, written first as a claim with
 * {@code attribute_not_exists(pk)} (or over a deferred entry, a claim past its {@code until} or one older than
 * {@link #STALE_CLAIM}: the old item comes back, so the taker learns which endpoints have it already), then marked
 * sent, given back, or deferred with the endpoints that have it ({@code delivered}). Moving
 * the group to the next sequence number is conditional on the one before, so a notification is sent once per
 * group and interval however many evaluators race. Entries carry {@code ttl} (7 days) for DynamoDB's TTL.
 */
public final class DynamoDbNotificationLog implements NotificationLog {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbNotificationLog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Group keys can be long; past 300 characters the key is their SHA-256. */
    static String groupId(String receiver, String groupKey) {
        String k = receiver + "|" + groupKey;
        if (k.length() <= 300) {
            return k;
        }
        try {
            return receiver + "|sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(groupKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String entryId(String receiver, String groupKey, long seq) {
        return groupId(receiver, groupKey) + "|" + String.format("%012d", seq);
    }

    private static AttributeValue ttl(Instant at) {
        return StateTable.expiresAt(at.plus(Duration.ofDays(7)));
    }

    @Override
    public Optional<GroupState> group(String receiver, String groupKey) {
        Map<String, AttributeValue> i = AwsErrors.call("read notification group " + receiver, () -> dynamo.getItem(r -> r
                .tableName(table).key(Items.key("NOTIFYGROUP", groupId(receiver, groupKey))).consistentRead(true)).item());
        if (i == null || i.isEmpty()) {
            return Optional.empty();
        }
        Set<String> firing = new HashSet<>(i.containsKey("lastFiring") && i.get("lastFiring").hasL()
                ? i.get("lastFiring").l().stream().map(AttributeValue::s).toList() : List.of());
        return Optional.of(new GroupState(receiver, groupKey, Items.instant(i, "firstSeen"), Items.n(i, "seq"),
                Items.instant(i, "lastSentAt"), firing));
    }

    @Override
    public GroupState open(String receiver, String groupKey, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key("NOTIFYGROUP", groupId(receiver, groupKey)));
        item.put("receiver", AttributeValue.fromS(receiver));
        item.put("groupKey", AttributeValue.fromS(groupKey));
        item.put("firstSeen", AttributeValue.fromS(now.toString()));
        item.put("seq", AttributeValue.fromN("0"));
        item.put("lastFiring", AttributeValue.fromL(List.of()));
        item.put(StateTable.TTL_ATTRIBUTE, ttl(now));
        try {
            AwsErrors.call("open notification group", () -> dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)")));
            return new GroupState(receiver, groupKey, now, 0, null, Set.of());
        } catch (ConflictException e) {
            return group(receiver, groupKey).orElseThrow(() -> e);
        }
    }

    @Override
    public Optional<Claim> claim(String receiver, String groupKey, long seq, String owner, Instant now, Instant until) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key("NOTIFYLOG", entryId(receiver, groupKey, seq)));
        item.put("receiver", AttributeValue.fromS(receiver));
        item.put("groupKey", AttributeValue.fromS(groupKey));
        item.put("seq", AttributeValue.fromN(Long.toString(seq)));
        item.put("status", AttributeValue.fromS("claimed"));
        item.put("owner", AttributeValue.fromS(owner));
        item.put("at", AttributeValue.fromN(Long.toString(now.toEpochMilli())));
        item.put("until", AttributeValue.fromN(Long.toString(until.toEpochMilli())));
        item.put(StateTable.TTL_ATTRIBUTE, ttl(now));
        try {
            // a conditional put (not an update): atomic in the emulator too; the old item tells what was delivered
            Map<String, AttributeValue> old = AwsErrors.call("claim a notification", () -> dynamo.putItem(r -> r
                    .tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR #s = :deferred OR (#s = :claimed AND "
                            + "(#until < :now OR #at < :stale))")
                    .expressionAttributeNames(Map.of("#s", "status", "#at", "at", "#until", "until"))
                    .expressionAttributeValues(Map.of(":claimed", AttributeValue.fromS("claimed"),
                            ":deferred", AttributeValue.fromS("deferred"),
                            ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                            ":stale", AttributeValue.fromN(Long.toString(now.minus(STALE_CLAIM).toEpochMilli()))))
                    .returnValues(ReturnValue.ALL_OLD)).attributes());
            boolean existed = old != null && !old.isEmpty();
            Set<String> delivered = existed && old.containsKey("delivered") && old.get("delivered").hasL()
                    ? old.get("delivered").l().stream().map(AttributeValue::s).collect(Collectors.toSet()) : Set.of();
            return Optional.of(new Claim(delivered, existed));
        } catch (ConflictException e) {
            return Optional.empty();
        }
    }

    @Override
    public void defer(String receiver, String groupKey, long seq, String owner, Instant at, Set<String> delivered,
                      String detail) {
        List<AttributeValue> d = delivered.stream().sorted().map(AttributeValue::fromS).toList();
        try {
            AwsErrors.call("leave a notification for the next cycle", () -> dynamo.updateItem(r -> r.tableName(table)
                    .key(Items.key("NOTIFYLOG", entryId(receiver, groupKey, seq)))
                    .updateExpression("SET #s = :deferred, #at = :at, delivered = :d, detail = :detail")
                    .conditionExpression("#o = :o AND #s = :claimed")
                    .expressionAttributeNames(Map.of("#s", "status", "#at", "at", "#o", "owner"))
                    .expressionAttributeValues(Map.of(":deferred", AttributeValue.fromS("deferred"),
                            ":claimed", AttributeValue.fromS("claimed"), ":o", AttributeValue.fromS(owner),
                            ":at", AttributeValue.fromN(Long.toString(at.toEpochMilli())), ":d", AttributeValue.fromL(d),
                            ":detail", AttributeValue.fromS(detail.length() > 1000 ? detail.substring(0, 1000) : detail)))));
        } catch (ConflictException e) {
            // taken over meanwhile (our deadline passed); the taker settles it
        }
    }

    @Override
    public void sent(String receiver, String groupKey, long seq, String owner, Instant at, Set<String> firing, String detail) {
        AwsErrors.call("mark a notification sent", () -> dynamo.updateItem(r -> r.tableName(table)
                .key(Items.key("NOTIFYLOG", entryId(receiver, groupKey, seq)))
                .updateExpression("SET #s = :sent, #at = :at, detail = :d")
                .expressionAttributeNames(Map.of("#s", "status", "#at", "at"))
                .expressionAttributeValues(Map.of(":sent", AttributeValue.fromS("sent"),
                        ":at", AttributeValue.fromN(Long.toString(at.toEpochMilli())), ":d", AttributeValue.fromS(detail)))));
        List<AttributeValue> f = firing.stream().sorted().map(AttributeValue::fromS).toList();
        try {
            AwsErrors.call("move the notification group on", () -> dynamo.updateItem(r -> r.tableName(table)
                    .key(Items.key("NOTIFYGROUP", groupId(receiver, groupKey)))
                    .updateExpression("SET seq = :seq, lastSentAt = :at, lastFiring = :f, #ttl = :ttl")
                    .conditionExpression("seq = :prev")
                    .expressionAttributeNames(Map.of("#ttl", StateTable.TTL_ATTRIBUTE))
                    .expressionAttributeValues(Map.of(":seq", AttributeValue.fromN(Long.toString(seq)),
                            ":prev", AttributeValue.fromN(Long.toString(seq - 1)), ":at", AttributeValue.fromS(at.toString()),
                            ":f", AttributeValue.fromL(f), ":ttl", ttl(at)))));
        } catch (ConflictException e) {
            // the group moved on or closed meanwhile; the sent entry stays as the record
        }
    }

    @Override
    public void abandon(String receiver, String groupKey, long seq, String owner, String detail) {
        try {
            AwsErrors.call("give back a notification claim", () -> dynamo.deleteItem(r -> r.tableName(table)
                    .key(Items.key("NOTIFYLOG", entryId(receiver, groupKey, seq)))
                    .conditionExpression("#o = :o AND #s = :claimed")
                    .expressionAttributeNames(Map.of("#o", "owner", "#s", "status"))
                    .expressionAttributeValues(Map.of(":o", AttributeValue.fromS(owner), ":claimed", AttributeValue.fromS("claimed")))));
        } catch (ConflictException e) {
            // not ours any more
        }
        Instant now = Instant.now();
        Map<String, AttributeValue> item = new HashMap<>(Items.key("NOTIFYLOG",
                entryId(receiver, groupKey, seq) + "|failed|" + now.toEpochMilli()));
        item.put("receiver", AttributeValue.fromS(receiver));
        item.put("groupKey", AttributeValue.fromS(groupKey));
        item.put("seq", AttributeValue.fromN(Long.toString(seq)));
        item.put("status", AttributeValue.fromS("failed"));
        item.put("at", AttributeValue.fromN(Long.toString(now.toEpochMilli())));
        item.put("detail", AttributeValue.fromS(detail.length() > 1000 ? detail.substring(0, 1000) : detail));
        item.put(StateTable.TTL_ATTRIBUTE, ttl(now));
        AwsErrors.call("log a failed notification", () -> dynamo.putItem(r -> r.tableName(table).item(item)));
    }

    @Override
    public void close(String receiver, String groupKey, long seq) {
        try {
            AwsErrors.call("close a notification group", () -> dynamo.deleteItem(r -> r.tableName(table)
                    .key(Items.key("NOTIFYGROUP", groupId(receiver, groupKey))).conditionExpression("seq = :seq")
                    .expressionAttributeValues(Map.of(":seq", AttributeValue.fromN(Long.toString(seq))))));
        } catch (ConflictException e) {
            // it moved on meanwhile
        }
    }

    @Override
    public List<Entry> recent(int limit) {
        List<Entry> out = new ArrayList<>();
        for (Map<String, AttributeValue> i : Items.query(dynamo, table, "NOTIFYLOG", "read the notification log")) {
            out.add(new Entry(Items.s(i, "receiver"), Items.s(i, "groupKey"), Items.n(i, "seq"), Items.s(i, "status"),
                    Instant.ofEpochMilli(Items.n(i, "at")), Items.s(i, "detail")));
        }
        out.sort(Comparator.comparing(Entry::at).reversed());
        return out.subList(0, Math.min(limit, out.size()));
    }
}
