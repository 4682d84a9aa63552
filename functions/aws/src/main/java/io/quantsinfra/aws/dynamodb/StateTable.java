package io.quantsinfra.aws.dynamodb;

import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The layout every store of the state table shares, and what the CDK DataStack and local mode create it with:
 * the key attributes and the attribute DynamoDB's TTL expires items by (notification log, endpoint stats,
 * leases, silences).
 *
 * {@snippet :
 * item.put(StateTable.TTL_ATTRIBUTE, StateTable.expiresAt(now.plus(Duration.ofDays(7))));
 * }
 */
public final class StateTable {
    /** Partition key (string). */
    public static final String PARTITION_KEY = "pk";
    /** Sort key (string). */
    public static final String SORT_KEY = "sk";
    /** Number, epoch seconds: DynamoDB may delete the item after this time (TTL is enabled on this attribute). */
    public static final String TTL_ATTRIBUTE = "ttl";

    private StateTable() {
    }

    /** The TTL attribute's value for an item that may be deleted after {@code at}. */
    public static AttributeValue expiresAt(Instant at) {
        return AttributeValue.fromN(Long.toString(at.getEpochSecond()));
    }
}
