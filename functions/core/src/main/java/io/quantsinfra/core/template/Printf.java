package io.quantsinfra.core.template;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;

/**
 * Go's {@code printf} for the verbs templates use: {@code %s %v %d %f %e %g %q %x %%}, with flags, width and
 * precision. Width and precision are at most {@link TemplateLimits#MAX_PRINTF_WIDTH} (a literal format is checked
 * when the template compiles, {@link #check}); the result is checked as it grows.
 */
final class Printf {
    private Printf() {}

    /** One verb: {@code spec} is '%', flags, width and precision; {@code end} the index of the verb character. */
    private record Verb(String spec, int width, int precision, int end) {}

    /** Refuses a format whose width or precision is over the limit. */
    static void check(String f) {
        for (int i = f.indexOf('%'); i >= 0 && i < f.length(); i = f.indexOf('%', i + 1)) {
            Verb v = verb(f, i);
            i = v.end();
        }
    }

    static String format(String f, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int argi = 0;
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            Verb v = verb(f, i);
            i = v.end();
            if (i >= f.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            char verb = f.charAt(i);
            if (verb == '%') {
                out.append('%');
            } else if (argi >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
            } else {
                out.append(one(v, verb, args.get(argi++)));
            }
            Exec.value(out.length(), "printf");
        }
        return out.toString();
    }

    private static Verb verb(String f, int start) {
        int i = start + 1;
        while (i < f.length() && "-+# 0".indexOf(f.charAt(i)) >= 0) {
            i++;
        }
        int widthAt = i;
        while (i < f.length() && Character.isDigit(f.charAt(i))) {
            i++;
        }
        int width = number(f, widthAt, i);
        int precision = -1;
        if (i < f.length() && f.charAt(i) == '.') {
            int precisionAt = ++i;
            while (i < f.length() && Character.isDigit(f.charAt(i))) {
                i++;
            }
            precision = number(f, precisionAt, i);
        }
        return new Verb(f.substring(start, i), width, precision, i);
    }

    private static int number(String f, int from, int to) {
        if (to == from) {
            return 0;
        }
        if (to - from > 9 || Integer.parseInt(f, from, to, 10) > TemplateLimits.MAX_PRINTF_WIDTH) {
            throw new TemplateLimitException("MAX_PRINTF_WIDTH", TemplateLimits.MAX_PRINTF_WIDTH,
                    "printf width or precision " + (to - from > 9 ? f.substring(from, from + 9) + "..." : f.substring(from, to))
                            + " is too large");
        }
        return Integer.parseInt(f, from, to, 10);
    }

    private static String one(Verb v, char verb, Object a) {
        String spec = v.spec();
        try {
            return switch (verb) {
                case 'd' -> String.format(Locale.ROOT, spec + "d", (long) Functions.num(List.of(a), 0));
                case 'f', 'e' -> String.format(Locale.ROOT, spec + verb, Functions.num(List.of(a), 0));
                case 'g' -> {
                    double x = Functions.num(List.of(a), 0);
                    yield v.precision() < 0 ? Humanize.shortest(x) : Humanize.g(x, Math.max(1, v.precision()));
                }
                case 'q' -> "\"" + Functions.str(a).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
                case 'x' -> a instanceof Number n ? Long.toHexString(n.longValue())
                        : HexFormat.of().formatHex(Functions.str(a).getBytes(StandardCharsets.UTF_8));
                case 's', 'v' -> String.format(Locale.ROOT, spec + "s", Functions.str(a));
                default -> "%!" + verb + "(" + Functions.kind(a) + ")";
            };
        } catch (IllegalFormatException e) {
            return "%!" + verb + "(BADFORMAT)";
        }
    }
}
