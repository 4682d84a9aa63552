package io.quantsinfra.aws.dynamodb;

import io.quantsinfra.core.error.InvalidInputException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB counts it against its 400 KB limit (attribute names and values in UTF-8 bytes,
 * numbers one byte per two significant digits plus one, three bytes plus one per element for a map or list),
 * checked before every PutItem so an oversized item is refused as bad input rather than by the service.
 */
final class ItemSize {
    /** DynamoDB's item limit: 400 KB, counted in KiB. */
    static final int MAX_ITEM_BYTES = 400 * 1024;

    private ItemSize() {}

    static long of(Map<String, AttributeValue> item) {
        long n = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            n += utf8(e.getKey()) + value(e.getValue());
        }
        return n;
    }

    /** InvalidInputException naming the limit when {@code item} is over it; {@code doing} says what was being stored. */
    static void check(Map<String, AttributeValue> item, String doing) {
        long size = of(item);
        if (size > MAX_ITEM_BYTES) {
            throw new InvalidInputException("document", String.format("cannot %s: it is %,d bytes as stored; DynamoDB's item "
                    + "limit is %,d bytes (400 KB)", doing, size, MAX_ITEM_BYTES));
        }
    }

    private static long value(AttributeValue v) {
        if (v.s() != null) {
            return utf8(v.s());
        }
        if (v.n() != null) {
            String digits = new BigDecimal(v.n()).stripTrailingZeros().unscaledValue().abs().toString();
            return (digits.length() + 1) / 2 + 1;
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.hasM()) {
            long n = 3 + v.m().size();
            for (Map.Entry<String, AttributeValue> e : v.m().entrySet()) {
                n += utf8(e.getKey()) + value(e.getValue());
            }
            return n;
        }
        if (v.hasL()) {
            long n = 3 + v.l().size();
            for (AttributeValue x : v.l()) {
                n += value(x);
            }
            return n;
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToLong(ItemSize::utf8).sum();
        }
        return 1;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
