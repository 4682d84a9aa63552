package io.quantsinfra.core.catalog.schema;

import io.quantsinfra.core.secret.SecretRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the secret references in a normalized document. Only {@link SecretNode}s produce objects with a
 * {@code secretRef} key (free-form sections refuse them), so every such object is a secret field.
 *
 * {@snippet :
 * Map<Path, SecretRef> refs = SecretRefs.find(config.values()); // exchange.secret -> SecretRef[binance, secret]
 * }
 */
public final class SecretRefs {
    private SecretRefs() {}

    /** Whether {@code value} is a normalized secret reference. */
    public static boolean isRef(Object value) {
        return value instanceof Map<?, ?> m && m.get(SecretNode.REF) instanceof String;
    }

    /** The reference held by a normalized secret reference object. */
    public static SecretRef toRef(Object value) {
        Map<?, ?> m = (Map<?, ?>) value;
        return new SecretRef((String) m.get(SecretNode.REF), (String) m.get(SecretNode.JSON_KEY));
    }

    /** Every reference in {@code document} by path, in document order. */
    public static Map<Path, SecretRef> find(Map<String, Object> document) {
        Map<Path, SecretRef> out = new LinkedHashMap<>();
        walk(document, Path.ROOT, out);
        return out;
    }

    private static void walk(Object value, Path path, Map<Path, SecretRef> out) {
        if (isRef(value)) {
            out.put(path, toRef(value));
        } else if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path.key(String.valueOf(k)), out));
        } else if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                walk(l.get(i), path.index(i), out);
            }
        }
    }

    /** A deep copy of {@code document} without its secret references (what may reach a container as plain text). */
    public static Object withoutRefs(Object document) {
        if (document instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (!isRef(v)) {
                    out.put(String.valueOf(k), withoutRefs(v));
                }
            });
            return out;
        }
        if (document instanceof List<?> l) {
            return l.stream().filter(v -> !isRef(v)).map(SecretRefs::withoutRefs).toList();
        }
        return document;
    }
}
