package io.quantsinfra.aws.dynamodb;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.evaluation.Alert;
import io.quantsinfra.core.evaluation.AlertState;
import io.quantsinfra.core.evaluation.AlertStore;
import io.quantsinfra.core.promql.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Alert states under {@code ALERTS / <rule id>:<fingerprint>}. Every write is conditional on the version read,
 * so of two evaluators writing the same transition exactly one succeeds.
 */
public final class DynamoDbAlertStore implements AlertStore {
    static final String PK = "ALERTS";
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbAlertStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<Alert> all() {
        List<Alert> out = new ArrayList<>();
        for (Map<String, AttributeValue> i : Items.query(dynamo, table, PK, "read alert states")) {
            Map<String, String> labels = new HashMap<>();
            AttributeValues.map(i.get("labels")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
            Map<String, String> annotations = new java.util.LinkedHashMap<>();
            AttributeValues.map(i.get("annotations")).forEach((k, v) -> annotations.put(k, String.valueOf(v)));
            String value = Items.s(i, "value");
            out.add(new Alert(Items.s(i, "ruleId"), Items.s(i, "file"), Items.s(i, "group"), Labels.of(labels), annotations,
                    AlertState.valueOf(Items.s(i, "state")), value == null ? Double.NaN : Double.parseDouble(value),
                    Items.instant(i, "activeAt"), Items.instant(i, "firedAt"), Items.instant(i, "resolvedAt"),
                    Items.instant(i, "keepFiringSince"), Items.instant(i, "updatedAt"), Items.n(i, "version")));
        }
        return out;
    }

    @Override
    public void save(Alert a) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(PK, a.key()));
        item.put("ruleId", AttributeValue.fromS(a.ruleId()));
        item.put("file", AttributeValue.fromS(a.file()));
        item.put("group", AttributeValue.fromS(a.group()));
        item.put("labels", AttributeValues.of(a.labels().map()));
        item.put("annotations", AttributeValues.of(a.annotations()));
        item.put("state", AttributeValue.fromS(a.state().name()));
        item.put("value", AttributeValue.fromS(Double.toString(a.value())));
        item.put("activeAt", Items.str(a.activeAt()));
        item.put("firedAt", Items.str(a.firedAt()));
        item.put("resolvedAt", Items.str(a.resolvedAt()));
        item.put("keepFiringSince", Items.str(a.keepFiringSince()));
        item.put("updatedAt", Items.str(a.updatedAt()));
        item.put("version", AttributeValue.fromN(Long.toString(a.version())));
        Items.putVersioned(dynamo, table, item, a.version(), "store alert " + a.alertname());
    }

    @Override
    public void remove(Alert a) {
        AwsErrors.call("remove alert " + a.alertname(), () -> dynamo.deleteItem(r -> r.tableName(table).key(Items.key(PK, a.key()))
                .conditionExpression("version = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(a.version()))))));
    }
}
