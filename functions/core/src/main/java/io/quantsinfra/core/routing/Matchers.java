package io.quantsinfra.core.routing;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.quantsinfra.core.promql.LabelMatcher;
import io.quantsinfra.core.promql.Regex;
import java.util.ArrayList;
import java.util.List;

/**
 * Alertmanager's matcher syntax: {@code name=value}, {@code name!=value}, {@code name=~regex},
 * {@code name!~regex}; the value may be double-quoted. A list may also be written {@code {a="1", b=~"x"}}.
 * Regexes follow Alertmanager: RE2, anchored as {@code ^(?:re)$} ({@link Regex.Dialect#ALERTMANAGER}). The
 * matcher text itself is user input, so it is split with RE2 too (linear time, no recursion).
 *
 * {@snippet :
 * LabelMatcher m = Matchers.parse("severity=\"critical\"");
 * }
 */
public final class Matchers {
    /** The longest matcher text: a regex at its limit plus a label name, operator and quotes. */
    public static final int MAX_MATCHER_LENGTH = Regex.MAX_LENGTH + 256;
    private static final Pattern ONE = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|(.*?))\\s*");

    private Matchers() {}

    /** One matcher; IllegalArgumentException with the expected form. */
    public static LabelMatcher parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a matcher is required, like severity=\"critical\"");
        }
        if (text.length() > MAX_MATCHER_LENGTH) {
            throw new IllegalArgumentException("the matcher is " + text.length() + " characters; the limit is "
                    + MAX_MATCHER_LENGTH + " characters per matcher");
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
        return of(m.group(1), LabelMatcher.Op.fromSymbol(m.group(2)), value);
    }

    /** A matcher with Alertmanager's regex anchoring; IllegalArgumentException naming the label when refused. */
    public static LabelMatcher of(String name, LabelMatcher.Op op, String value) {
        return LabelMatcher.of(name, op, value, Regex.Dialect.ALERTMANAGER);
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
