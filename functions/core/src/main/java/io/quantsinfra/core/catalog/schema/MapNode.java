package io.quantsinfra.core.catalog.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** An object with free keys (matching {@code keyPattern}) whose values all satisfy {@code value}. */
public record MapNode(Pattern keyPattern, String keyHint, Node value, int maxEntries) implements Node {

    @Override
    public Object check(Object raw, Path path) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw wrongType(raw, path);
        }
        if (map.size() > maxEntries) {
            throw path.invalid("must have at most " + maxEntries + " entries, got " + map.size());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw path.invalid("keys must be strings, got " + Values.kind(e.getKey()) + Values.suffix(e.getKey()));
            }
            Path p = path.key(k);
            if (keyPattern != null && !keyPattern.matcher(k).matches()) {
                throw p.invalid("expected a key that is " + keyHint);
            }
            if (e.getValue() == null) {
                throw p.invalid("expected " + value.expected() + ", got null");
            }
            out.put(k, value.check(e.getValue(), p));
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String expected() {
        return "an object of " + value.expected();
    }
}
