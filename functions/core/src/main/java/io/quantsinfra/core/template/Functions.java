package io.quantsinfra.core.template;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.quantsinfra.core.promql.Regex;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The functions templates call: Go's builtins ({@code len}, {@code index}, {@code printf}, {@code eq} ...),
 * Prometheus's ({@code humanize}, {@code humanizePercentage}, {@code humanizeDuration}, {@code title},
 * {@code toUpper} ...) and Alertmanager's ({@code join}, {@code trimSpace}, {@code safeHtml}), and Go's value
 * semantics (field access on maps, truth, {@code %v} printing). Functions that build strings check the size as
 * they build ({@link TemplateLimits#MAX_VALUE_CHARS}); error messages name a value's kind, never its content.
 */
final class Functions {
    /** Identifiers that are literals, not functions. */
    static final Set<String> LITERALS = Set.of("true", "false", "nil");

    /** A function: its arguments (the piped value last) and the render it runs in, for its budgets. */
    private interface Fn {
        Object apply(List<Object> args, Exec render);
    }

    private static final Map<String, Fn> USER = new LinkedHashMap<>();

    private Functions() {}

    static {
        USER.put("humanize", (a, x) -> Humanize.humanize(num(a, 0)));
        USER.put("humanize1024", (a, x) -> Humanize.humanize1024(num(a, 0)));
        USER.put("humanizePercentage", (a, x) -> Humanize.percentage(num(a, 0)));
        USER.put("humanizeDuration", (a, x) -> Humanize.duration(num(a, 0)));
        USER.put("humanizeTimestamp", (a, x) -> Instant.ofEpochMilli((long) (num(a, 0) * 1000)).toString());
        USER.put("toUpper", (a, x) -> str(arg(a, 0)).toUpperCase(Locale.ROOT));
        USER.put("toLower", (a, x) -> str(arg(a, 0)).toLowerCase(Locale.ROOT));
        USER.put("title", (a, x) -> title(str(arg(a, 0))));
        USER.put("trimSpace", (a, x) -> str(arg(a, 0)).strip());
        USER.put("join", (a, x) -> joined(str(arg(a, 0)), entries(arg(a, 1)).stream().map(e -> str(e.getValue())).toList(), "join"));
        USER.put("match", (a, x) -> pattern(str(arg(a, 0))).matcher(new Counted(str(arg(a, 1)), x)).find());
        USER.put("reReplaceAll", (a, x) -> replaceAll(pattern(str(arg(a, 0))), str(arg(a, 1)), str(arg(a, 2)), x));
        USER.put("safeHtml", (a, x) -> new SafeHtml(str(arg(a, 0))));
        USER.put("stripPort", (a, x) -> str(arg(a, 0)).replaceFirst(":\\d+$", ""));
        USER.put("len", (a, x) -> (long) length(arg(a, 0)));
        USER.put("index", (a, x) -> index(a));
        USER.put("printf", (a, x) -> Printf.format(str(arg(a, 0)), a.subList(1, a.size())));
        USER.put("print", (a, x) -> sprint(a));
        USER.put("urlquery", (a, x) -> java.net.URLEncoder.encode(str(arg(a, 0)), java.nio.charset.StandardCharsets.UTF_8));
        USER.put("eq", (a, x) -> a.subList(1, a.size()).stream().anyMatch(y -> equal(arg(a, 0), y)));
        USER.put("ne", (a, x) -> !equal(arg(a, 0), arg(a, 1)));
        USER.put("lt", (a, x) -> compare(arg(a, 0), arg(a, 1)) < 0);
        USER.put("le", (a, x) -> compare(arg(a, 0), arg(a, 1)) <= 0);
        USER.put("gt", (a, x) -> compare(arg(a, 0), arg(a, 1)) > 0);
        USER.put("ge", (a, x) -> compare(arg(a, 0), arg(a, 1)) >= 0);
        USER.put("and", (a, x) -> {
            for (Object y : a) {
                if (!truth(y)) {
                    return y;
                }
            }
            return a.getLast();
        });
        USER.put("or", (a, x) -> {
            for (Object y : a) {
                if (truth(y)) {
                    return y;
                }
            }
            return a.getLast();
        });
        USER.put("not", (a, x) -> !truth(arg(a, 0)));
    }

    /** Functions templates may name. */
    static final Set<String> NAMES = USER.keySet();

    /** Calls the function {@code name} (one of {@link #NAMES}). */
    static Object call(String name, List<Object> args, Exec render) {
        return USER.get(name).apply(args, render);
    }

    private static Object arg(List<Object> a, int i) {
        if (i >= a.size()) {
            throw new TemplateException("a function was given " + a.size() + " argument(s) and needs more");
        }
        return a.get(i);
    }

    static double num(List<Object> a, int i) {
        Object v = arg(a, i);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                throw new TemplateException("a number is needed, got a string that is not one");
            }
        }
        throw new TemplateException("a number is needed, got " + kind(v));
    }

    static String str(Object v) {
        return v instanceof String s ? s : print(v);
    }

    /** Go's {@code %v}. A missing value prints {@code <no value>}, as Go templates print it. */
    static String print(Object v) {
        return switch (v) {
            case null -> "<no value>";
            case String s -> s;
            case Double d -> Humanize.shortest(d);
            case Float f -> Humanize.shortest(f);
            case Map<?, ?> m -> {
                StringBuilder b = new StringBuilder("map[");
                new TreeMap<>(m).forEach((k, x) -> b.append(b.length() > 4 ? " " : "").append(k).append(':').append(print(x)));
                yield b.append(']').toString();
            }
            case Collection<?> c -> "[" + String.join(" ", c.stream().map(Functions::print).toList()) + "]";
            default -> v.toString();
        };
    }

    static boolean truth(Object v) {
        return switch (v) {
            case null -> false;
            case Boolean b -> b;
            case String s -> !s.isEmpty();
            case Number n -> n.doubleValue() != 0;
            case Map<?, ?> m -> !m.isEmpty();
            case Collection<?> c -> !c.isEmpty();
            default -> true;
        };
    }

    /** {@code .Name} on a map (missing key → nil); {@code .Firing}/{@code .Resolved} on a list of alerts. */
    static Object field(Object v, String name) {
        return switch (v) {
            case null -> null;
            case Map<?, ?> m -> m.get(name);
            case List<?> l when name.equals("Firing") || name.equals("Resolved") -> l.stream()
                    .filter(x -> x instanceof Map<?, ?> m && name.toLowerCase(Locale.ROOT).equals(m.get("Status"))).toList();
            default -> throw new TemplateException("can't evaluate field " + name + " in " + kind(v));
        };
    }

    /** What {@code range} iterates: a list's (index, element), a map's (key, value) in key order; nil is empty. */
    static List<Map.Entry<Object, Object>> entries(Object v) {
        List<Map.Entry<Object, Object>> out = new ArrayList<>();
        switch (v) {
            case null -> { }
            case List<?> l -> {
                for (int i = 0; i < l.size(); i++) {
                    out.add(new AbstractMap.SimpleImmutableEntry<>((long) i, l.get(i)));
                }
            }
            case Map<?, ?> m -> new TreeMap<Object, Object>(m).forEach((k, x) -> out.add(new AbstractMap.SimpleImmutableEntry<>(k, x)));
            default -> throw new TemplateException("range can't iterate over " + kind(v));
        }
        return out;
    }

    /** A value's kind for messages, which must not carry the value itself (label values may be anything). */
    static String kind(Object v) {
        return switch (v) {
            case null -> "nil";
            case String s -> "a string";
            case Number n -> "a number";
            case Boolean b -> "a boolean";
            case Map<?, ?> m -> "a map";
            case Collection<?> c -> "a list";
            default -> "a " + v.getClass().getSimpleName();
        };
    }

    private static String sprint(List<Object> args) {
        return joined(" ", args.stream().map(Functions::str).toList(), "print");
    }

    private static String joined(String sep, List<String> parts, String function) {
        long length = 0;
        for (String p : parts) {
            length += p.length() + sep.length();
        }
        Exec.value(length, function);
        return String.join(sep, parts);
    }

    /**
     * RE2 (re2j), as Go's {@code regexp} that Prometheus's templates use: linear-time matching, bounded like every user
     * regular expression ({@link Regex#checkBounds}). With java.util.regex, {@code (|)(|)…(?!)} backtracked
     * exponentially without reading a character, so the render's character budget never saw it (26 groups: 3.8 s).
     * The messages never quote the expression: it may come from a label value.
     */
    private static Pattern pattern(String regex) {
        try {
            Regex.checkBounds(regex);
            return Pattern.compile(regex);
        } catch (IllegalArgumentException e) {
            throw new TemplateException("a regular expression is too large: " + e.getMessage());
        } catch (PatternSyntaxException e) {
            throw new TemplateException("a regular expression does not compile (RE2 syntax, as in Go): " + e.getDescription());
        }
    }

    private static String replaceAll(Pattern p, String replacement, String input, Exec render) {
        Matcher m = p.matcher(new Counted(input, render));
        String r = replacement.replaceAll("\\$\\{?(\\d+)\\}?", "\\$$1");
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, r);
            Exec.value(out.length(), "reReplaceAll");
        }
        m.appendTail(out);
        Exec.value(out.length(), "reReplaceAll");
        return out.toString();
    }

    /** The input of a regular expression, counting every character it reads against the render's budget. */
    private record Counted(String s, Exec render) implements CharSequence {
        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int index) {
            render.regex(1);
            return s.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.subSequence(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }

    private static int length(Object v) {
        return switch (v) {
            case null -> 0;
            case String s -> s.length();
            case Map<?, ?> m -> m.size();
            case Collection<?> c -> c.size();
            default -> throw new TemplateException("len of " + kind(v) + " is not defined");
        };
    }

    private static Object index(List<Object> a) {
        Object v = arg(a, 0);
        for (Object k : a.subList(1, a.size())) {
            v = switch (v) {
                case null -> null;
                case Map<?, ?> m -> m.get(str(k));
                case List<?> l -> {
                    int i = (int) num(List.of(k), 0);
                    if (i < 0 || i >= l.size()) {
                        throw new TemplateException("index " + i + " out of range");
                    }
                    yield l.get(i);
                }
                default -> throw new TemplateException("can't index " + kind(v));
            };
        }
        return v;
    }

    private static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return java.util.Objects.equals(a == null ? null : str(a), b == null ? null : str(b));
    }

    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return str(a).compareTo(str(b));
    }

    private static String title(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean start = true;
        for (char c : s.toCharArray()) {
            b.append(start ? Character.toTitleCase(c) : c);
            start = !Character.isLetterOrDigit(c) && c != '\'';
        }
        return b.toString();
    }
}
