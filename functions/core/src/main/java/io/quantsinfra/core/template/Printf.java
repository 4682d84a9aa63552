package io.quantsinfra.core.template;

import java.util.List;
import java.util.Locale;

/** Go's {@code printf} for the verbs templates use: {@code %s %v %d %f %e %g %q %x %%}, with flags, width, precision. */
final class Printf {
    private Printf() {}

    static String format(String f, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int argi = 0;
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int start = i++;
            while (i < f.length() && "-+# 0".indexOf(f.charAt(i)) >= 0) {
                i++;
            }
            while (i < f.length() && (Character.isDigit(f.charAt(i)) || f.charAt(i) == '.')) {
                i++;
            }
            if (i >= f.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            char verb = f.charAt(i);
            String spec = f.substring(start, i);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (argi >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            Object a = args.get(argi++);
            out.append(switch (verb) {
                case 'd' -> String.format(Locale.ROOT, spec + "d", (long) Functions.num(List.of(a), 0));
                case 'f', 'e' -> String.format(Locale.ROOT, spec + verb, Functions.num(List.of(a), 0));
                case 'g' -> {
                    int dot = spec.indexOf('.');
                    double v = Functions.num(List.of(a), 0);
                    yield dot < 0 ? Humanize.shortest(v) : Humanize.g(v, Integer.parseInt(spec.substring(dot + 1)));
                }
                case 'q' -> "\"" + Functions.str(a).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
                case 'x' -> a instanceof Number n ? Long.toHexString(n.longValue())
                        : java.util.HexFormat.of().formatHex(Functions.str(a).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                case 's', 'v' -> String.format(Locale.ROOT, spec + "s", Functions.str(a));
                default -> "%!" + verb + "(" + Functions.str(a) + ")";
            });
        }
        return out.toString();
    }
}
