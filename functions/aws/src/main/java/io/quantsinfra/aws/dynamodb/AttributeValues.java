package io.quantsinfra.aws.dynamodb;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Converts JSON-like documents (maps, lists, strings, numbers, booleans, null) to DynamoDB attribute values and back. */
final class AttributeValues {
    private AttributeValues() {}

    static AttributeValue of(Object v) {
        return switch (v) {
            case null -> AttributeValue.fromNul(true);
            case String s -> AttributeValue.fromS(s);
            case Boolean b -> AttributeValue.fromBool(b);
            case Number n -> AttributeValue.fromN(new BigDecimal(n.toString()).toPlainString());
            case Map<?, ?> m -> {
                Map<String, AttributeValue> out = new LinkedHashMap<>();
                m.forEach((k, x) -> out.put(String.valueOf(k), of(x)));
                yield AttributeValue.fromM(out);
            }
            case List<?> l -> AttributeValue.fromL(l.stream().map(AttributeValues::of).toList());
            default -> throw new IllegalArgumentException("cannot store a " + v.getClass().getSimpleName());
        };
    }

    static Object from(AttributeValue a) {
        if (a.s() != null) {
            return a.s();
        }
        if (a.n() != null) {
            BigDecimal d = new BigDecimal(a.n());
            if (d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0) {
                try {
                    return d.longValueExact();
                } catch (ArithmeticException e) {
                    return d;
                }
            }
            return d.doubleValue();
        }
        if (a.bool() != null) {
            return a.bool();
        }
        if (a.hasM()) {
            Map<String, Object> m = new LinkedHashMap<>();
            a.m().forEach((k, x) -> m.put(k, from(x)));
            return m;
        }
        if (a.hasL()) {
            List<Object> l = new ArrayList<>();
            a.l().forEach(x -> l.add(from(x)));
            return l;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(AttributeValue a) {
        return a == null ? Map.of() : (Map<String, Object>) from(a);
    }
}
