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
 * {@code RATELIMIT / <receiver>/<endpoint>#<minute>} (an ADD conditional on staying under the limit, so the limit
 * holds across concurrent Lambdas) and round-robin positions under {@code ROUNDROBIN / <receiver>}.
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
        try {
            AwsErrors.call("take from the rate limit", () -> dynamo.updateItem(r -> r.tableName(table)
                    .key(Items.key("RATELIMIT", minuteKey(receiver, endpoint, now)))
                    .updateExpression("ADD #c :one SET #ttl = :ttl")
                    .conditionExpression("attribute_not_exists(#c) OR #c < :limit")
                    .expressionAttributeNames(Map.of("#c", "count", "#ttl", StateTable.TTL_ATTRIBUTE))
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":limit", AttributeValue.fromN(Integer.toString(limit)),
                            ":ttl", StateTable.expiresAt(now.plusSeconds(3600))))));
            return true;
        } catch (ConflictException e) {
            return false;
        }
    }

    @Override
    public int used(String receiver, String endpoint, Instant now) {
        Map<String, AttributeValue> i = AwsErrors.call("read the rate limit", () -> dynamo.getItem(r -> r.tableName(table)
                .key(Items.key("RATELIMIT", minuteKey(receiver, endpoint, now))).consistentRead(true)).item());
        return i == null ? 0 : (int) Items.n(i, "count");
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
