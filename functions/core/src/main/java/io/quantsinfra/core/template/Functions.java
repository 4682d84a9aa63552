package io.quantsinfra.core.template;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The functions translated templates call: Go's builtins ({@code len}, {@code index}, {@code printf},
 * {@code eq} ...), Prometheus's ({@code humanize}, {@code humanizePercentage}, {@code humanizeDuration},
 * {@code title}, {@code toUpper} ...) and Alertmanager's ({@code join}, {@code trimSpace}), plus the
 * plumbing the translator emits ({@code go_print}, {@code go_truth}, {@code go_field}, {@code go_iter}).
 */
final class Functions extends AbstractExtension {
    /** Identifiers that are literals, not functions. */
    static final Set<String> LITERALS = Set.of("true", "false", "nil");

    private static final Map<String, java.util.function.Function<List<Object>, Object>> USER = new LinkedHashMap<>();

    static {
        USER.put("humanize", a -> Humanize.humanize(num(a, 0)));
        USER.put("humanize1024", a -> Humanize.humanize1024(num(a, 0)));
        USER.put("humanizePercentage", a -> Humanize.percentage(num(a, 0)));
        USER.put("humanizeDuration", a -> Humanize.duration(num(a, 0)));
        USER.put("humanizeTimestamp", a -> Instant.ofEpochMilli((long) (num(a, 0) * 1000)).toString());
        USER.put("toUpper", a -> str(arg(a, 0)).toUpperCase(Locale.ROOT));
        USER.put("toLower", a -> str(arg(a, 0)).toLowerCase(Locale.ROOT));
        USER.put("title", a -> title(str(arg(a, 0))));
        USER.put("trimSpace", a -> str(arg(a, 0)).strip());
        USER.put("join", a -> String.join(str(arg(a, 0)), iter(arg(a, 1)).stream().map(Functions::str).toList()));
        USER.put("match", a -> Pattern.compile(str(arg(a, 0))).matcher(str(arg(a, 1))).find());
        USER.put("reReplaceAll", a -> Pattern.compile(str(arg(a, 0))).matcher(str(arg(a, 2))).replaceAll(
                str(arg(a, 1)).replaceAll("\\$\\{?(\\d+)\\}?", "\\$$1")));
        USER.put("safeHtml", a -> str(arg(a, 0)));
        USER.put("stripPort", a -> str(arg(a, 0)).replaceFirst(":\\d+$", ""));
        USER.put("len", a -> (long) length(arg(a, 0)));
        USER.put("index", Functions::index);
        USER.put("printf", a -> Printf.format(str(arg(a, 0)), a.subList(1, a.size())));
        USER.put("print", a -> String.join(" ", a.stream().map(Functions::str).toList()));
        USER.put("urlquery", a -> java.net.URLEncoder.encode(str(arg(a, 0)), java.nio.charset.StandardCharsets.UTF_8));
        USER.put("eq", a -> a.subList(1, a.size()).stream().anyMatch(x -> equal(arg(a, 0), x)));
        USER.put("ne", a -> !equal(arg(a, 0), arg(a, 1)));
        USER.put("lt", a -> compare(arg(a, 0), arg(a, 1)) < 0);
        USER.put("le", a -> compare(arg(a, 0), arg(a, 1)) <= 0);
        USER.put("gt", a -> compare(arg(a, 0), arg(a, 1)) > 0);
        USER.put("ge", a -> compare(arg(a, 0), arg(a, 1)) >= 0);
        USER.put("and", a -> {
            for (Object x : a) {
                if (!truth(x)) {
                    return x;
                }
            }
            return a.getLast();
        });
        USER.put("or", a -> {
            for (Object x : a) {
                if (truth(x)) {
                    return x;
                }
            }
            return a.getLast();
        });
        USER.put("not", a -> !truth(arg(a, 0)));
    }

    /** Functions templates may name. */
    static final Set<String> NAMES = USER.keySet();

    @Override
    public Map<String, Function> getFunctions() {
        Map<String, Function> fns = new HashMap<>();
        USER.forEach((name, impl) -> fns.put("go_" + name, new Fn(impl)));
        fns.put("go_print", new Fn(a -> print(arg(a, 0))));
        fns.put("go_truth", new Fn(a -> truth(arg(a, 0))));
        fns.put("go_field", new Fn(a -> field(arg(a, 0), str(arg(a, 1)))));
        fns.put("go_iter", new Fn(a -> iter(arg(a, 0))));
        fns.put("go_pairs", new Fn(a -> pairs(arg(a, 0))));
        return fns;
    }

    /** Pebble passes positional arguments keyed "0", "1", ... when a function declares no names. */
    private record Fn(java.util.function.Function<List<Object>, Object> impl) implements Function {
        @Override
        public List<String> getArgumentNames() {
            return null;
        }

        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; args.containsKey(Integer.toString(i)); i++) {
                list.add(args.get(Integer.toString(i)));
            }
            return impl.apply(list);
        }
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
                throw new TemplateException("'" + s + "' is not a number");
            }
        }
        throw new TemplateException("a number is needed, got " + print(v));
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
            default -> throw new TemplateException("can't evaluate field " + name + " in " + print(v));
        };
    }

    static List<Object> iter(Object v) {
        return switch (v) {
            case null -> List.of();
            case List<?> l -> new ArrayList<>(l);
            case Map<?, ?> m -> new ArrayList<>(new TreeMap<>(m).values());
            default -> throw new TemplateException("range can't iterate over " + print(v));
        };
    }

    private static List<Object> pairs(Object v) {
        List<Object> out = new ArrayList<>();
        switch (v) {
            case null -> { }
            case List<?> l -> {
                for (int i = 0; i < l.size(); i++) {
                    out.add(Map.of("k", (long) i, "v", l.get(i) == null ? "" : l.get(i)));
                }
            }
            case Map<?, ?> m -> new TreeMap<>(m).forEach((k, x) -> out.add(Map.of("k", k, "v", x == null ? "" : x)));
            default -> throw new TemplateException("range can't iterate over " + print(v));
        }
        return out;
    }

    private static int length(Object v) {
        return switch (v) {
            case null -> 0;
            case String s -> s.length();
            case Map<?, ?> m -> m.size();
            case Collection<?> c -> c.size();
            default -> throw new TemplateException("len of " + print(v) + " is not defined");
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
                default -> throw new TemplateException("can't index " + print(v));
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
