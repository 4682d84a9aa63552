package io.quantsinfra.aws.dynamodb;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.error.NotFoundException;
import io.quantsinfra.core.rule.RuleStore;
import io.quantsinfra.core.rule.StoredRuleFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Rule files under {@code RULES / <name>}: the document as applied, a version each write moves on by one, conditionally. */
public final class DynamoDbRuleStore implements RuleStore {
    static final String PK = "RULES";
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbRuleStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<StoredRuleFile> get(String name) {
        Map<String, AttributeValue> item = AwsErrors.call("read rule file " + name, () -> dynamo.getItem(r -> r.tableName(table)
                .key(Items.key(PK, name)).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(from(item));
    }

    @Override
    public List<StoredRuleFile> list() {
        List<StoredRuleFile> out = new ArrayList<>();
        for (Map<String, AttributeValue> item : Items.query(dynamo, table, PK, "list rule files")) {
            out.add(from(item));
        }
        return out;
    }

    @Override
    public void put(StoredRuleFile f) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(PK, f.name()));
        item.put("document", AttributeValues.of(f.document()));
        item.put("version", AttributeValue.fromN(Long.toString(f.version())));
        item.put("updatedAt", AttributeValue.fromS(f.updatedAt().toString()));
        item.put("updatedBy", AttributeValue.fromS(f.updatedBy()));
        Items.putVersioned(dynamo, table, item, f.version(), "store rule file " + f.name());
    }

    @Override
    public void delete(String name) {
        Map<String, AttributeValue> old = AwsErrors.call("delete rule file " + name, () -> dynamo.deleteItem(r -> r.tableName(table)
                .key(Items.key(PK, name)).returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD)).attributes());
        if (old == null || old.isEmpty()) {
            throw new NotFoundException("rule file " + name + " does not exist");
        }
    }

    private static StoredRuleFile from(Map<String, AttributeValue> i) {
        return new StoredRuleFile(i.get("sk").s(), Long.parseLong(i.get("version").n()), AttributeValues.map(i.get("document")),
                Instant.parse(i.get("updatedAt").s()), i.get("updatedBy").s());
    }
}
