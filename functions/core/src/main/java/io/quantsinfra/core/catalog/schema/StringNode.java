package io.quantsinfra.core.catalog.schema;

import io.quantsinfra.core.json.Json;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A string, optionally limited to a pattern (with a human hint such as {@code a pair written BASE-QUOTE,
 * like "VIRTUAL-USDT"}) or to a set of choices.
 *
 * {@snippet :
 * Node timeframe = Schema.string().matching("[1-9][0-9]{0,2}[smhdwM]", "a timeframe like 5m or 1h");
 * }
 */
public record StringNode(Pattern pattern, String hint, int maxLength, List<String> choices) implements Node {

    public StringNode {
        choices = List.copyOf(choices);
    }

    /** The same node, also requiring {@code regex} to match the whole string. */
    public StringNode matching(String regex, String hint) {
        return new StringNode(Pattern.compile(regex), hint, maxLength, choices);
    }

    /** The same node, limited to {@code max} characters. */
    public StringNode maxLength(int max) {
        return new StringNode(pattern, hint, max, choices);
    }

    /** The same node, limited to {@code values}. */
    public StringNode oneOf(String... values) {
        return new StringNode(pattern, hint, maxLength, List.of(values));
    }

    @Override
    public Object check(Object raw, Path path) {
        if (!(raw instanceof String s)) {
            throw wrongType(raw, path);
        }
        if (!choices.isEmpty()) {
            if (!choices.contains(s)) {
                throw path.invalid("expected " + expected() + ", got " + Values.show(s) + Values.didYouMean(s, choices));
            }
            return s;
        }
        if (s.length() > maxLength) {
            throw path.invalid("must be at most " + maxLength + " characters, got " + s.length());
        }
        if (pattern != null && !pattern.matcher(s).matches()) {
            throw path.invalid("expected " + hint + ", got " + Values.show(s));
        }
        return s;
    }

    @Override
    public String expected() {
        if (!choices.isEmpty()) {
            return "one of " + String.join(", ", choices.stream().map(Json::quote).toList());
        }
        return pattern == null ? "a string" : hint;
    }
}
