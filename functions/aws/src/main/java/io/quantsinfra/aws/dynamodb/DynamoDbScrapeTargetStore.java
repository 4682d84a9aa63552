package io.quantsinfra.aws.dynamodb;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.monitor.ScrapeTarget;
import io.quantsinfra.core.monitor.ScrapeTargetStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Scrape targets in the state table: {@code MONITOR#TARGETS} / {@code <job name>}, the target as a document. */
public final class DynamoDbScrapeTargetStore implements ScrapeTargetStore {
    private static final AttributeValue PK = AttributeValue.fromS("MONITOR#TARGETS");
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbScrapeTargetStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<ScrapeTarget> all() {
        return AwsErrors.call("read scrape targets", () -> dynamo.queryPaginator(r -> r.tableName(table)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", PK))).items().stream()
                .map(i -> ScrapeTarget.fromDocument(AttributeValues.map(i.get("target")))).toList());
    }

    @Override
    public void put(ScrapeTarget target) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", PK);
        item.put("sk", AttributeValue.fromS(target.jobName()));
        item.put("target", AttributeValues.of(target.toDocument()));
        AwsErrors.call("store scrape target " + target.jobName(), () -> dynamo.putItem(r -> r.tableName(table).item(item)));
    }

    @Override
    public boolean remove(String jobName) {
        Map<String, AttributeValue> old = AwsErrors.call("remove scrape target " + jobName, () -> dynamo.deleteItem(r -> r
                .tableName(table).key(Map.of("pk", PK, "sk", AttributeValue.fromS(jobName))).returnValues(ReturnValue.ALL_OLD))
                .attributes());
        return old != null && !old.isEmpty();
    }
}
