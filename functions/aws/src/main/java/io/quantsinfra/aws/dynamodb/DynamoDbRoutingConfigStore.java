package io.quantsinfra.aws.dynamodb;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.routing.RoutingConfigStore;
import io.quantsinfra.core.routing.StoredRoutingConfig;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The routing config under {@code ROUTING / CONFIG}, versioned; secrets appear in it only as references. */
public final class DynamoDbRoutingConfigStore implements RoutingConfigStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbRoutingConfigStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<StoredRoutingConfig> get() {
        Map<String, AttributeValue> i = AwsErrors.call("read the routing config", () -> dynamo.getItem(r -> r.tableName(table)
                .key(Items.key("ROUTING", "CONFIG")).consistentRead(true)).item());
        if (i == null || i.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StoredRoutingConfig(Items.n(i, "version"), AttributeValues.map(i.get("document")),
                Instant.parse(Items.s(i, "updatedAt")), Items.s(i, "updatedBy")));
    }

    @Override
    public void put(StoredRoutingConfig c) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key("ROUTING", "CONFIG"));
        item.put("document", AttributeValues.of(c.document()));
        item.put("version", AttributeValue.fromN(Long.toString(c.version())));
        item.put("updatedAt", AttributeValue.fromS(c.updatedAt().toString()));
        item.put("updatedBy", AttributeValue.fromS(c.updatedBy()));
        Items.putVersioned(dynamo, table, item, c.version(), "store the routing config");
    }
}
