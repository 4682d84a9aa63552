package io.quantsinfra.core.promql.promqltest;

import io.quantsinfra.core.promql.Labels;
import io.quantsinfra.core.promql.PromDuration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus {@code promqltest} script, parsed as Prometheus 2.42's {@code promql/test.go} reads it: lines are
 * trimmed, {@code #} lines are blank, a blank line ends a block. Commands: {@code load <step>} with series lines
 * ({@code name{l="v"} 0+10x100 _ _x3 stale 1x3 -5-1x4}), {@code clear}, {@code eval[_fail|_ordered] instant [at] <t> <expr>}
 * with expected lines (a bare number for a scalar, {@code name{l="v"} value} for a sample). Also read, from newer
 * Prometheus versions: {@code eval_warn}/{@code eval_info} and {@code expect fail|ordered|warn|info|no_warn|no_info}
 * lines (annotations are not checked: core has none), and {@code eval range from … to … step …} (recorded, not run).
 *
 * {@snippet :
 * List<Script.Command> commands = Script.parse("load 1m\n  a{job=\"x\"} 1+1x10\n\neval instant at 5m a\n  a{job=\"x\"} 6\n");
 * }
 */
final class Script {
    /** Prometheus's stale marker: a NaN with this bit pattern (value.StaleNaN). */
    static final long STALE_BITS = 0x7ff0000000000002L;
    static final double STALE = Double.longBitsToDouble(STALE_BITS);

    private static final Pattern LOAD = Pattern.compile("^load\\s+(\\S+)$");
    private static final Pattern EVAL_INSTANT = Pattern.compile(
            "^eval(?:_(fail|ordered|warn|info))?\\s+instant\\s+(?:at\\s+)?(\\S+)\\s+(.+)$");
    private static final Pattern EVAL_RANGE = Pattern.compile("^eval(?:_\\w+)?\\s+range\\s+.*$");
    private static final Pattern EXPANSION = Pattern.compile("^(.*?[^eE])([+-])([^+-]+)x(\\d+)$");

    private Script() {}

    sealed interface Command permits Load, Clear, Eval {
        int line();
    }

    /** {@code load <step>}: each series's i-th value is at i * step milliseconds; null values are gaps ({@code _}). */
    record Load(int line, long stepMs, List<Series> series) implements Command {}

    record Clear(int line) implements Command {}

    /**
     * One evaluation: {@code atMs} the instant; {@code fail} when an error is expected; {@code ordered} when the
     * samples' order is checked; {@code range} for an {@code eval range} (not run); {@code scalar} the expected
     * number when the line was a bare number, else {@code samples}.
     */
    record Eval(int line, String source, String expr, long atMs, boolean fail, boolean ordered, boolean range, Double scalar,
            List<Sample> samples) implements Command {}

    /** A series of a load: its metric name (may be empty), labels without the name, values (null = gap). */
    record Series(String metric, Labels labels, List<Double> values) {}

    /** One expected sample: metric name (may be empty), labels without the name, value. */
    record Sample(String metric, Labels labels, double value) {}

    static List<Command> parse(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            lines[i] = l.startsWith("#") ? "" : l;
        }
        List<Command> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.isEmpty()) {
                continue;
            }
            int lineNo = i + 1;
            if (l.equals("clear")) {
                out.add(new Clear(lineNo));
                continue;
            }
            Matcher load = LOAD.matcher(l);
            if (load.matches()) {
                long step = PromDuration.parse(load.group(1)).toMillis();
                List<Series> series = new ArrayList<>();
                while (i + 1 < lines.length && !lines[i + 1].isEmpty()) {
                    i++;
                    series.add(series(lines[i], i + 1));
                }
                out.add(new Load(lineNo, step, series));
                continue;
            }
            if (EVAL_RANGE.matcher(l).matches()) {
                while (i + 1 < lines.length && !lines[i + 1].isEmpty()) {
                    i++;
                }
                out.add(new Eval(lineNo, l, "", 0, false, false, true, null, List.of()));
                continue;
            }
            Matcher ev = EVAL_INSTANT.matcher(l);
            if (!ev.matches()) {
                throw new IllegalArgumentException("line " + lineNo + ": unknown command: " + l);
            }
            boolean fail = "fail".equals(ev.group(1));
            boolean ordered = "ordered".equals(ev.group(1));
            long at = PromDuration.parse(ev.group(2)).toMillis();
            Double scalar = null;
            List<Sample> samples = new ArrayList<>();
            while (i + 1 < lines.length && !lines[i + 1].isEmpty()) {
                i++;
                String e = lines[i];
                if (e.startsWith("expect ")) {
                    String what = e.substring(7).strip();
                    fail |= what.startsWith("fail");
                    ordered |= what.equals("ordered");
                    continue;
                }
                Double number = number(e);
                if (number != null) {
                    scalar = number;
                    continue;
                }
                Series s = series(e, i + 1);
                if (s.values().isEmpty() || s.values().get(0) == null) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": an expected sample needs a value: " + e);
                }
                samples.add(new Sample(s.metric(), s.labels(), s.values().get(0)));
            }
            out.add(new Eval(lineNo, l, ev.group(3), at, fail, ordered, false, scalar, samples));
        }
        return out;
    }

    /** {@code name{l="v", …} values…} (name or braces may be missing) into a series. */
    static Series series(String line, int lineNo) {
        int p = 0;
        while (p < line.length() && (Character.isLetterOrDigit(line.charAt(p)) || line.charAt(p) == '_' || line.charAt(p) == ':')) {
            p++;
        }
        String metric = line.substring(0, p);
        TreeMap<String, String> labels = new TreeMap<>();
        if (p < line.length() && line.charAt(p) == '{') {
            p = labels(line, p + 1, labels, lineNo);
        }
        if (labels.containsKey("__name__")) {
            metric = labels.remove("__name__");
        }
        List<Double> values = new ArrayList<>();
        for (String token : line.substring(p).strip().split("\\s+")) {
            if (!token.isEmpty()) {
                values(token, values, lineNo);
            }
        }
        return new Series(metric, Labels.of(labels), values);
    }

    /** Reads {@code l="v", …}} from {@code p} (just after '{'); the index after '}'. */
    private static int labels(String s, int p, TreeMap<String, String> into, int lineNo) {
        while (true) {
            while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == ',' || s.charAt(p) == '\t')) {
                p++;
            }
            if (p >= s.length()) {
                throw new IllegalArgumentException("line " + lineNo + ": unterminated label set: " + s);
            }
            if (s.charAt(p) == '}') {
                return p + 1;
            }
            int start = p;
            while (p < s.length() && s.charAt(p) != '=' && s.charAt(p) != ' ') {
                p++;
            }
            String name = s.substring(start, p);
            while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '=')) {
                p++;
            }
            char quote = s.charAt(p);
            if (quote != '"' && quote != '\'' && quote != '`') {
                throw new IllegalArgumentException("line " + lineNo + ": a quoted label value is expected: " + s);
            }
            StringBuilder v = new StringBuilder();
            p++;
            while (s.charAt(p) != quote) {
                char c = s.charAt(p++);
                if (c == '\\' && quote != '`') {
                    char n = s.charAt(p++);
                    v.append(switch (n) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> n;
                    });
                } else {
                    v.append(c);
                }
            }
            into.put(name, v.toString());
            p++;
        }
    }

    /** One value token: a number, {@code _}, {@code _xN}, {@code stale}, {@code vxN}, {@code a+bxN}, {@code a-bxN}. */
    private static void values(String t, List<Double> out, int lineNo) {
        Double n = number(t);
        if (n != null) {
            out.add(n);
            return;
        }
        if (t.equals("_")) {
            out.add(null);
            return;
        }
        if (t.equals("stale")) {
            out.add(STALE);
            return;
        }
        if (t.startsWith("_x")) {
            int times = Integer.parseInt(t.substring(2));
            for (int i = 0; i < times; i++) {
                out.add(null);
            }
            return;
        }
        Matcher m = EXPANSION.matcher(t);
        if (m.matches() && number(m.group(1)) != null && number(m.group(3)) != null) {
            double start = number(m.group(1));
            double inc = number(m.group(3)) * (m.group(2).equals("-") ? -1 : 1);
            int times = Integer.parseInt(m.group(4));
            for (int i = 0; i <= times; i++) {
                out.add(start + inc * i);
            }
            return;
        }
        int x = t.lastIndexOf('x');
        if (x > 0 && number(t.substring(0, x)) != null && t.substring(x + 1).chars().allMatch(Character::isDigit)) {
            double v = number(t.substring(0, x));
            for (int i = 0; i <= Integer.parseInt(t.substring(x + 1)); i++) {
                out.add(v);
            }
            return;
        }
        throw new IllegalArgumentException("line " + lineNo + ": not a series value: " + t);
    }

    /** A number as Go's ParseFloat reads it (Inf, +Inf, -Inf, NaN in any case, .5, 2., 1e+6), or null. */
    static Double number(String t) {
        String l = t.toLowerCase(Locale.ROOT);
        String body = l.startsWith("+") || l.startsWith("-") ? l.substring(1) : l;
        double sign = l.startsWith("-") ? -1 : 1;
        if (body.equals("inf") || body.equals("infinity")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (body.equals("nan")) {
            return Double.NaN;
        }
        if (!body.matches("(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")) {
            return null;
        }
        return sign * Double.parseDouble(body);
    }
}
