package io.quantsinfra.core.catalog.schema;

import io.quantsinfra.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
        List<InvalidInputException> problems = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            try {
                out.put(entry(e, path), value.check(e.getValue(), path.key((String) e.getKey())));
            } catch (InvalidInputException x) {
                problems.add(x);
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidInputException.of(problems);
        }
        return Collections.unmodifiableMap(out);
    }

    /** The entry's key once key and value are known to be checkable. */
    private String entry(Map.Entry<?, ?> e, Path path) {
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
        return k;
    }

    @Override
    public String expected() {
        return "an object of " + value.expected();
    }
}
