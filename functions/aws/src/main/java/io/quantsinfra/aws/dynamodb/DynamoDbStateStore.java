package io.quantsinfra.aws.dynamodb;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.catalog.ServiceConfig;
import io.quantsinfra.core.deploy.Overrides;
import io.quantsinfra.core.history.DeploymentRecord;
import io.quantsinfra.core.history.StateStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The control plane's state in one DynamoDB table keyed by {@code pk}/{@code sk}:
 * <ul>
 *   <li>{@code HISTORY#<service>} / {@code <instant>#<id>}: a deployment history entry, written once
 *       (condition: it does not exist yet);</li>
 *   <li>{@code SERVICE#<service>} / {@code CONFIG}: the config and overrides a service runs, with a
 *       {@code version} that each write increments under a condition on the version it read.</li>
 * </ul>
 */
public final class DynamoDbStateStore implements StateStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbStateStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void record(DeploymentRecord e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("HISTORY#" + e.service()));
        item.put("sk", AttributeValue.fromS(e.at() + "#" + e.id()));
        item.put("id", AttributeValue.fromS(e.id()));
        item.put("service", AttributeValue.fromS(e.service()));
        item.put("actor", AttributeValue.fromS(e.actor()));
        item.put("at", AttributeValue.fromS(e.at().toString()));
        item.put("action", AttributeValue.fromS(e.action()));
        item.put("result", AttributeValue.fromS(e.result()));
        item.put("instances", AttributeValues.of(e.instances()));
        item.put("changes", AttributeValues.of(e.changes()));
        if (!e.botStops().isEmpty()) {
            item.put("botStops", AttributeValues.of(e.botStops().stream().map(DynamoDbStateStore::botStop).toList()));
        }
        AwsErrors.call("record deployment history of " + e.service(), () -> dynamo.putItem(r -> r.tableName(table)
                .item(item).conditionExpression("attribute_not_exists(pk)")));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<DeploymentRecord> history(String service, int limit) {
        QueryResponse page = AwsErrors.call("read deployment history of " + service, () -> dynamo.query(r -> r
                .tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("HISTORY#" + service)))
                .scanIndexForward(false).limit(limit)));
        return page.items().stream().map(i -> new DeploymentRecord(i.get("id").s(), i.get("service").s(),
                i.get("actor").s(), Instant.parse(i.get("at").s()), i.get("action").s(), i.get("result").s(),
                (List<String>) AttributeValues.from(i.get("instances")), (List<String>) AttributeValues.from(i.get("changes")),
                i.containsKey("botStops") ? ((List<Map<String, Object>>) AttributeValues.from(i.get("botStops"))).stream()
                        .map(DynamoDbStateStore::botStop).toList() : List.of()))
                .toList();
    }

    private static Map<String, Object> botStop(io.quantsinfra.core.bot.BotStop s) {
        return Map.of("instance", s.instance(), "live", s.live(), "stopEntry", s.stopEntry(), "outcome", s.outcome(),
                "openTrades", s.openTrades().stream().map(t -> Map.<String, Object>of("id", t.id(), "pair", t.pair(),
                        "amount", t.amount(), "openDate", t.openDate(), "profit", t.profit())).toList());
    }

    @SuppressWarnings("unchecked")
    private static io.quantsinfra.core.bot.BotStop botStop(Map<String, Object> m) {
        List<io.quantsinfra.core.bot.OpenTrade> trades = ((List<Map<String, Object>>) m.getOrDefault("openTrades", List.of()))
                .stream().map(t -> new io.quantsinfra.core.bot.OpenTrade((String) t.get("id"), (String) t.get("pair"),
                        (String) t.get("amount"), (String) t.get("openDate"), (String) t.get("profit"))).toList();
        return new io.quantsinfra.core.bot.BotStop((String) m.get("instance"), Boolean.TRUE.equals(m.get("live")),
                (String) m.get("stopEntry"), trades, (String) m.get("outcome"));
    }

    @Override
    public void saveDeployed(DeployedConfig deployed) {
        String service = deployed.config().service();
        long version = AwsErrors.call("read the deployed config of " + service, () -> dynamo.getItem(r -> r
                .tableName(table).key(key(service)).consistentRead(true)).item())
                .getOrDefault("version", AttributeValue.fromN("0")).n().transform(Long::parseLong);
        Map<String, AttributeValue> item = new HashMap<>(key(service));
        item.put("config", AttributeValues.of(deployed.config().values()));
        Overrides o = deployed.overrides();
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("image", o.image());
        overrides.put("cpu", o.cpu());
        overrides.put("memory", o.memory());
        overrides.put("port", o.port());
        item.put("overrides", AttributeValues.of(overrides));
        item.put("version", AttributeValue.fromN(Long.toString(version + 1)));
        AwsErrors.call("save the deployed config of " + service, () -> dynamo.putItem(r -> r.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk) OR version = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(version))))));
    }

    @Override
    public Optional<DeployedConfig> deployed(String service) {
        Map<String, AttributeValue> item = AwsErrors.call("read the deployed config of " + service,
                () -> dynamo.getItem(r -> r.tableName(table).key(key(service)).consistentRead(true)).item());
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> o = AttributeValues.map(item.get("overrides"));
        Overrides overrides = new Overrides((String) o.get("image"), integer(o.get("cpu")), integer(o.get("memory")),
                integer(o.get("port")));
        return Optional.of(new DeployedConfig(new ServiceConfig(service, AttributeValues.map(item.get("config"))), overrides));
    }

    @Override
    public void forgetDeployed(String service) {
        AwsErrors.call("forget the deployed config of " + service,
                () -> dynamo.deleteItem(r -> r.tableName(table).key(key(service))));
    }

    private static Map<String, AttributeValue> key(String service) {
        return Map.of("pk", AttributeValue.fromS("SERVICE#" + service), "sk", AttributeValue.fromS("CONFIG"));
    }

    private static Integer integer(Object v) {
        return v == null ? null : ((Number) v).intValue();
    }
}
