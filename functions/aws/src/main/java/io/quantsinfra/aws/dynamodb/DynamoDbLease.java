package io.quantsinfra.aws.dynamodb;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.evaluation.Heartbeats;
import io.quantsinfra.core.evaluation.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Leases under {@code LEASE / <name>} (owner and expiry, taken with a conditional put: free, expired, or ours)
 * and heartbeats under {@code HEARTBEAT / <name>}.
 */
public final class DynamoDbLease implements Lease, Heartbeats {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbLease(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean acquire(String name, String owner, Instant now, Duration ttl) {
        try {
            AwsErrors.call("take the " + name + " lease", () -> dynamo.putItem(r -> r.tableName(table)
                    .item(Map.of("pk", AttributeValue.fromS("LEASE"), "sk", AttributeValue.fromS(name),
                            "owner", AttributeValue.fromS(owner),
                            "until", AttributeValue.fromN(Long.toString(now.plus(ttl).toEpochMilli())),
                            StateTable.TTL_ATTRIBUTE, StateTable.expiresAt(now.plus(ttl).plus(Duration.ofDays(1)))))
                    .conditionExpression("attribute_not_exists(pk) OR #until < :now OR #owner = :owner")
                    .expressionAttributeNames(Map.of("#until", "until", "#owner", "owner"))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                            ":owner", AttributeValue.fromS(owner)))));
            return true;
        } catch (ConflictException e) {
            return false;
        }
    }

    @Override
    public void release(String name, String owner) {
        try {
            AwsErrors.call("give back the " + name + " lease", () -> dynamo.deleteItem(r -> r.tableName(table)
                    .key(Items.key("LEASE", name)).conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(owner)))));
        } catch (ConflictException e) {
            // someone took it over after it expired: nothing to give back
        }
    }

    @Override
    public void beat(String name, Instant at) {
        AwsErrors.call("record the " + name + " heartbeat", () -> dynamo.putItem(r -> r.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("HEARTBEAT"), "sk", AttributeValue.fromS(name), "at", AttributeValue.fromS(at.toString())))));
    }

    @Override
    public Optional<Instant> last(String name) {
        Map<String, AttributeValue> i = AwsErrors.call("read the " + name + " heartbeat", () -> dynamo.getItem(r -> r.tableName(table)
                .key(Items.key("HEARTBEAT", name)).consistentRead(true)).item());
        return i == null || i.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(Items.s(i, "at")));
    }
}
