package io.quantsinfra.aws.dynamodb;

import io.quantsinfra.aws.AwsErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Small helpers the alerting stores share: keys, whole-partition queries, versioned puts. */
final class Items {
    private Items() {}

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    /** Every item of a partition, all pages, strongly consistent. */
    static List<Map<String, AttributeValue>> query(DynamoDbClient dynamo, String table, String pk, String doing) {
        return AwsErrors.call(doing, () -> {
            List<Map<String, AttributeValue>> out = new ArrayList<>();
            dynamo.queryPaginator(QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))).consistentRead(true).build())
                    .items().forEach(out::add);
            return out;
        });
    }

    /**
     * Puts {@code item} (with attribute {@code version}) if the stored version is {@code version - 1}; ConflictException
     * otherwise, InvalidInputException (nothing sent) if it is over DynamoDB's item size limit.
     */
    static void putVersioned(DynamoDbClient dynamo, String table, Map<String, AttributeValue> item, long version, String doing) {
        ItemSize.check(item, doing);
        AwsErrors.call(doing, () -> version <= 1
                ? dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"))
                : dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("version = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(version - 1))))));
    }

    static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.s() == null ? null : v.s();
    }

    static java.time.Instant instant(Map<String, AttributeValue> item, String name) {
        String s = s(item, name);
        return s == null ? null : java.time.Instant.parse(s);
    }

    static long n(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : new java.math.BigDecimal(v.n()).longValue();
    }

    static AttributeValue str(Object o) {
        return o == null ? AttributeValue.fromNul(true) : AttributeValue.fromS(o.toString());
    }
}
