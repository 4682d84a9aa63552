package io.quantsinfra.core.catalog.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A free-form JSON value (Freqtrade's {@code entry_pricing}, {@code ccxt_config}, ...): any nesting of
 * objects, lists, strings, numbers, booleans and nulls, passed to the service as it is. Because it reaches
 * the container as plain configuration, a key that names a credential ({@code apiKey}, {@code password},
 * {@code token}, ...) with a literal value is refused, and so is a secret reference.
 */
public record FreeFormNode(Shape shape) implements Node {
    /** Any JSON value. */
    public static final FreeFormNode ANY = new FreeFormNode(Shape.ANY);

    /** The outer shape required. */
    public enum Shape { ANY, OBJECT, LIST }

    private static final int MAX_DEPTH = 32;
    /** Searched for, not matched whole: {@code .*(…).*} backtracked quadratically on a long key holding a line break. */
    private static final Pattern CREDENTIAL_KEY =
            Pattern.compile("(?i)secret|passw|token|api_?key|private_?key|credential");

    @Override
    public Object check(Object raw, Path path) {
        if ((shape == Shape.OBJECT && !(raw instanceof Map)) || (shape == Shape.LIST && !(raw instanceof List))) {
            throw wrongType(raw, path);
        }
        return normalize(raw, path, 0);
    }

    private static Object normalize(Object raw, Path path, int depth) {
        if (depth > MAX_DEPTH) {
            throw path.invalid("nested more than " + MAX_DEPTH + " levels deep");
        }
        return switch (raw) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Number n -> Values.normalizeNumber(n, path);
            case Map<?, ?> m -> object(m, path, depth);
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                for (int i = 0; i < l.size(); i++) {
                    out.add(normalize(l.get(i), path.index(i), depth + 1));
                }
                yield Collections.unmodifiableList(out);
            }
            default -> throw path.invalid("expected a JSON value (string, number, boolean, list or object), got "
                    + Values.kind(raw));
        };
    }

    private static Map<String, Object> object(Map<?, ?> m, Path path, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = switch (e.getKey()) {
                case String s -> s;
                // YAML reads `0: 0.04` in minimal_roi as an integer key; JSON would have "0".
                case Number n when Values.integral(n) != null -> Long.toString(Values.integral(n));
                case null, default -> throw path.invalid("keys must be strings, got " + Values.kind(e.getKey()));
            };
            Path p = path.key(k);
            if (k.equals(SecretNode.REF)) {
                throw path.invalid("secret references are accepted only at the service's secret keys "
                        + "(see docs/services.md); this section reaches the container as plain configuration");
            }
            Object v = e.getValue();
            boolean literal = (v instanceof String s && !s.isEmpty()) || v instanceof Number;
            if (literal && CREDENTIAL_KEY.matcher(k).find()) {
                throw p.invalid("looks like a credential; literal secrets are not accepted in free-form sections, "
                        + "which reach the container as plain configuration: use the service's secret keys "
                        + "(see docs/services.md)");
            }
            out.put(k, normalize(v, p, depth + 1));
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String expected() {
        return switch (shape) {
            case ANY -> "a JSON value";
            case OBJECT -> "an object";
            case LIST -> "a list";
        };
    }
}
