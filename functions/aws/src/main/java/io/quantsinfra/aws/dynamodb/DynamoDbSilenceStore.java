package io.quantsinfra.aws.dynamodb;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.promql.LabelMatcher;
import io.quantsinfra.core.routing.Matchers;
import io.quantsinfra.core.silence.Silence;
import io.quantsinfra.core.silence.SilenceStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Silences under {@code SILENCES / <id>}, versioned; {@code ttl} (epoch seconds, five days after the end) lets
 * DynamoDB's TTL remove expired ones.
 */
public final class DynamoDbSilenceStore implements SilenceStore {
    static final String PK = "SILENCES";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DynamoDbSilenceStore.class);
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbSilenceStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<Silence> all() {
        List<Silence> out = new ArrayList<>();
        for (Map<String, AttributeValue> i : Items.query(dynamo, table, PK, "list silences")) {
            try {
                out.add(from(i));
            } catch (RuntimeException e) {
                // A silence stored before matchers were RE2 (say, with a lookahead) no longer compiles: skip it
                // rather than stop every listing and every evaluation; it expires by TTL.
                LOG.warn("skipping silence {}: its matchers no longer parse ({})", Items.s(i, "sk"), e.getClass().getSimpleName());
            }
        }
        return out;
    }

    @Override
    public Optional<Silence> get(String id) {
        Map<String, AttributeValue> i = AwsErrors.call("read silence " + id, () -> dynamo.getItem(r -> r.tableName(table)
                .key(Items.key(PK, id)).consistentRead(true)).item());
        return i == null || i.isEmpty() ? Optional.empty() : Optional.of(from(i));
    }

    @Override
    public void put(Silence s) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(PK, s.id()));
        List<Object> matchers = new ArrayList<>();
        s.matchers().forEach(m -> matchers.add(Map.of("name", m.name(), "op", m.op().symbol(), "value", m.value())));
        item.put("matchers", AttributeValues.of(matchers));
        item.put("startsAt", AttributeValue.fromS(s.startsAt().toString()));
        item.put("endsAt", AttributeValue.fromS(s.endsAt().toString()));
        item.put("createdBy", AttributeValue.fromS(s.createdBy()));
        item.put("comment", AttributeValue.fromS(s.comment()));
        item.put("createdAt", AttributeValue.fromS(s.createdAt().toString()));
        item.put("expiryNoticed", AttributeValue.fromBool(s.expiryNoticed()));
        item.put("version", AttributeValue.fromN(Long.toString(s.version())));
        item.put(StateTable.TTL_ATTRIBUTE, StateTable.expiresAt(s.endsAt().plus(java.time.Duration.ofDays(5))));
        Items.putVersioned(dynamo, table, item, s.version(), "store silence " + s.id());
    }

    @SuppressWarnings("unchecked")
    private static Silence from(Map<String, AttributeValue> i) {
        List<LabelMatcher> matchers = new ArrayList<>();
        for (Object o : (List<Object>) AttributeValues.from(i.get("matchers"))) {
            Map<String, Object> m = (Map<String, Object>) o;
            matchers.add(Matchers.of((String) m.get("name"), LabelMatcher.Op.fromSymbol((String) m.get("op")), (String) m.get("value")));
        }
        return new Silence(Items.s(i, "sk"), matchers, Items.instant(i, "startsAt"), Items.instant(i, "endsAt"),
                Items.s(i, "createdBy"), Items.s(i, "comment"), Items.instant(i, "createdAt"),
                i.get("expiryNoticed") != null && Boolean.TRUE.equals(i.get("expiryNoticed").bool()), Items.n(i, "version"));
    }
}
