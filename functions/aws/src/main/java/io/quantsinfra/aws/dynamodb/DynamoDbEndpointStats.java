package io.quantsinfra.aws.dynamodb;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.delivery.EndpointStats;
import io.quantsinfra.core.error.ConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Endpoint counters under {@code ENDPOINT / <receiver>/<endpoint>} (atomic ADDs), the per-minute allowance under
 * {@code RATELIMIT / <receiver>/<endpoint>#<minute>#<slot>} (one item per send, each slot taken by a conditional
 * put, so the limit holds across concurrent Lambdas) and round-robin positions under {@code ROUNDROBIN / <receiver>}.
 */
public final class DynamoDbEndpointStats implements EndpointStats {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbEndpointStats(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void record(String receiver, String endpoint, boolean ok, long latencyMs, int status, String error, Instant at) {
        Map<String, String> names = Map.of("#a", "attempts", "#s", "successes", "#f", "failures", "#l", "totalLatencyMs",
                "#st", "lastStatus", "#e", "lastError", "#at", "lastAt", "#ok", "lastOk", "#r", "receiver", "#ep", "endpoint");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", AttributeValue.fromN("1"));
        values.put(":s", AttributeValue.fromN(ok ? "1" : "0"));
        values.put(":f", AttributeValue.fromN(ok ? "0" : "1"));
        values.put(":l", AttributeValue.fromN(Long.toString(latencyMs)));
        values.put(":st", AttributeValue.fromN(Integer.toString(status)));
        values.put(":e", error == null ? AttributeValue.fromNul(true) : AttributeValue.fromS(error.length() > 500 ? error.substring(0, 500) : error));
        values.put(":at", AttributeValue.fromS(at.toString()));
        values.put(":ok", AttributeValue.fromBool(ok));
        values.put(":r", AttributeValue.fromS(receiver));
        values.put(":ep", AttributeValue.fromS(endpoint));
        AwsErrors.call("record endpoint stats", () -> dynamo.updateItem(r -> r.tableName(table)
                .key(Items.key("ENDPOINT", receiver + "/" + endpoint))
                .updateExpression("ADD #a :one, #s :s, #f :f, #l :l SET #st = :st, #e = :e, #at = :at, #ok = :ok, #r = :r, #ep = :ep")
                .expressionAttributeNames(names).expressionAttributeValues(values)));
    }

    @Override
    public void rateLimited(String receiver, String endpoint, Instant at) {
        AwsErrors.call("record a rate-limited send", () -> dynamo.updateItem(r -> r.tableName(table)
                .key(Items.key("ENDPOINT", receiver + "/" + endpoint))
                .updateExpression("ADD rateLimited :one SET #r = :r, #ep = :ep")
                .expressionAttributeNames(Map.of("#r", "receiver", "#ep", "endpoint"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":r", AttributeValue.fromS(receiver),
                        ":ep", AttributeValue.fromS(endpoint)))));
    }

    private static String minuteKey(String receiver, String endpoint, Instant now) {
        return receiver + "/" + endpoint + "#" + now.getEpochSecond() / 60;
    }

    @Override
    public boolean tryAcquire(String receiver, String endpoint, int limit, Instant now) {
        // One item per slot of the minute, each taken by a conditional put: a put's condition is atomic in DynamoDB
        // and in the emulator (a conditional ADD let concurrent callers past the limit there).
        String minute = minuteKey(receiver, endpoint, now);
        for (int slot = used(receiver, endpoint, now); slot < limit; slot++) {
            Map<String, AttributeValue> item = new HashMap<>(Items.key("RATELIMIT", minute + "#" + String.format("%06d", slot)));
            item.put(StateTable.TTL_ATTRIBUTE, StateTable.expiresAt(now.plusSeconds(3600)));
            try {
                AwsErrors.call("take from the rate limit", () -> dynamo.putItem(r -> r.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(pk)")));
                return true;
            } catch (ConflictException e) {
                // taken by another caller meanwhile: try the next slot
            }
        }
        return false;
    }

    @Override
    public int used(String receiver, String endpoint, Instant now) {
        String prefix = minuteKey(receiver, endpoint, now) + "#";
        return AwsErrors.call("read the rate limit", () -> dynamo.query(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("RATELIMIT"), ":prefix", AttributeValue.fromS(prefix)))
                .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT)).count());
    }

    @Override
    public long nextRoundRobin(String receiver) {
        Map<String, AttributeValue> a = AwsErrors.call("advance the round-robin position", () -> dynamo.updateItem(r -> r
                .tableName(table).key(Items.key("ROUNDROBIN", receiver)).updateExpression("ADD n :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))).returnValues(ReturnValue.UPDATED_NEW)).attributes());
        return Items.n(a, "n") - 1;
    }

    @Override
    public List<Stat> all() {
        List<Stat> out = new ArrayList<>();
        for (Map<String, AttributeValue> i : Items.query(dynamo, table, "ENDPOINT", "read endpoint stats")) {
            out.add(new Stat(Items.s(i, "receiver"), Items.s(i, "endpoint"), Items.n(i, "attempts"), Items.n(i, "successes"),
                    Items.n(i, "failures"), Items.n(i, "rateLimited"), Items.n(i, "totalLatencyMs"), (int) Items.n(i, "lastStatus"),
                    Items.s(i, "lastError"), Items.instant(i, "lastAt"),
                    i.get("lastOk") == null || Boolean.TRUE.equals(i.get("lastOk").bool())));
        }
        return out;
    }
}
