package io.quantsinfra.core.routing;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.promql.Labels;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The label set of a route test, written as {@code amtool config routes test} takes it: {@code name=value} or
 * {@code name="quoted value"} per argument, parsed by Alertmanager 0.25's matcher rules (a name of
 * {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, {@code \n}, {@code \"} and {@code \\} escapes, any other backslash literal) and
 * refused unless the operator is {@code =}. A later argument for the same name wins, as in amtool.
 *
 * {@snippet :
 * Labels l = RouteLabels.parse(List.of("severity=critical", "team=\"db ops\""));
 * }
 */
public final class RouteLabels {
    /** Most labels in one test: far more than an alert carries, few enough to keep a request small. */
    public static final int MAX_LABELS = 64;
    private static final Pattern ONE = Pattern.compile("^\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(=~|=|!=|!~)\\s*((?s).*?)\\s*$");

    private RouteLabels() {}

    /**
     * Labels as an API request gives them: a JSON object of names to values, or a list of amtool arguments
     * ({@code ["severity=critical"]}); InvalidInputException otherwise.
     */
    public static Labels from(Object labels) {
        return switch (labels) {
            case null -> Labels.EMPTY;
            case Map<?, ?> m -> of(m);
            case List<?> l -> parse(l.stream().map(x -> x instanceof String s ? s : null).toList());
            default -> throw new InvalidInputException("labels", "must be an object of names to values or a list of name=value");
        };
    }

    /** {@code args} as amtool reads them; InvalidInputException naming the argument otherwise. */
    public static Labels parse(List<String> args) {
        if (args.size() > MAX_LABELS) {
            throw new InvalidInputException("labels", args.size() + " labels; the limit is " + MAX_LABELS);
        }
        Map<String, String> out = new TreeMap<>();
        for (String a : args) {
            if (a == null) {
                throw new InvalidInputException("labels", "each label must be a string name=value");
            }
            if (a.length() > Matchers.MAX_MATCHER_LENGTH) {
                throw new InvalidInputException("labels", "a label is at most " + Matchers.MAX_MATCHER_LENGTH + " characters");
            }
            Matcher m = ONE.matcher(a);
            if (!m.matches()) {
                throw new InvalidInputException("labels", "'" + a + "' is not a label; write name=value, e.g. severity=critical");
            }
            if (!m.group(2).equals("=")) {
                throw new InvalidInputException("labels", "'" + a + "': labels must be specified as name=value pairs, not "
                        + m.group(2) + " matchers");
            }
            out.put(m.group(1), value(a, m.group(3)));
        }
        return Labels.of(out);
    }

    /** A label set given as a JSON object; InvalidInputException for a bad name or a value that is not a string. */
    public static Labels of(Map<?, ?> labels) {
        if (labels.size() > MAX_LABELS) {
            throw new InvalidInputException("labels", labels.size() + " labels; the limit is " + MAX_LABELS);
        }
        Map<String, String> out = new TreeMap<>();
        labels.forEach((k, v) -> {
            String name = String.valueOf(k);
            if (!ONE.matcher(name + "=").matches()) {
                throw new InvalidInputException("labels." + name, "is not a label name; use letters, digits, '_' and ':', "
                        + "not starting with a digit");
            }
            if (!(v instanceof String s)) {
                throw new InvalidInputException("labels." + name, "the value must be a string");
            }
            out.put(name, s);
        });
        return Labels.of(out);
    }

    private static String value(String arg, String raw) {
        boolean quoted = raw.startsWith("\"");
        String s = quoted ? raw.substring(1) : raw;
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i < s.length() - 1) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'n' -> v.append('\n');
                    case '"', '\\' -> v.append(n);
                    default -> v.append('\\').append(n);
                }
            } else if (c == '"') {
                if (!quoted || i < s.length() - 1) {
                    throw new InvalidInputException("labels", "'" + arg + "': the value holds an unescaped double quote");
                }
                quoted = false;
            } else {
                v.append(c);
            }
        }
        if (quoted) {
            throw new InvalidInputException("labels", "'" + arg + "': the closing double quote is missing");
        }
        return v.toString();
    }
}
