package io.quantsinfra.core.routing;

import io.quantsinfra.core.promql.LabelMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alertmanager's matcher syntax: {@code name=value}, {@code name!=value}, {@code name=~regex},
 * {@code name!~regex}; the value may be double-quoted. A list may also be written {@code {a="1", b=~"x"}}.
 *
 * {@snippet :
 * LabelMatcher m = Matchers.parse("severity=\"critical\"");
 * }
 */
public final class Matchers {
    private static final Pattern ONE = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|(.*?))\\s*");

    private Matchers() {}

    /** One matcher; IllegalArgumentException with the expected form. */
    public static LabelMatcher parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a matcher is required, like severity=\"critical\"");
        }
        Matcher m = ONE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a matcher; write name=value, name!=value, name=~regex "
                    + "or name!~regex");
        }
        String value = m.group(4) != null ? m.group(4).replace("\\\"", "\"").replace("\\\\", "\\") : m.group(5);
        if (m.group(4) == null && (value.contains("\"") || value.contains(","))) {
            throw new IllegalArgumentException("'" + text + "': quote a value that holds '\"' or ','");
        }
        return LabelMatcher.of(m.group(1), LabelMatcher.Op.fromSymbol(m.group(2)), value);
    }

    /** A comma-separated list, optionally in braces. */
    public static List<LabelMatcher> parseList(String text) {
        String s = text.strip();
        if (s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1);
        }
        List<LabelMatcher> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                if (!cur.toString().isBlank()) {
                    out.add(parse(cur.toString()));
                }
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(parse(cur.toString()));
        }
        return out;
    }
}
