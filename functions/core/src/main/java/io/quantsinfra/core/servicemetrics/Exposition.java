package io.quantsinfra.core.servicemetrics;

import io.quantsinfra.core.error.UpstreamException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A strict, bounded reader of the Prometheus text exposition format (version 0.0.4): {@code # HELP} / {@code # TYPE}
 * and other comments, blank lines, and samples {@code name{label="value",...} value [timestamp]}. It stops at the
 * first line over {@link Limits#maxLineChars()} or sample over {@link Limits#maxSamples()}: a page cannot make the
 * probe spend unbounded memory or time. Errors name the line number and what is wrong, never the line's content
 * (the page is the service's, not ours to echo into logs).
 *
 * {@snippet :
 * List<Exposition.Sample> s = Exposition.parse("collector_snapshots_written_total{pair=\"BTC-USDT\"} 12\n", Exposition.Limits.DEFAULT);
 * // s.getFirst().name() == "collector_snapshots_written_total", value 12.0
 * }
 */
public final class Exposition {

    /** How much of a page is read. */
    public record Limits(int maxLineChars, int maxSamples) {
        /** 16 KiB per line, 10 000 samples: far above a collector's page, far below a Lambda's memory. */
        public static final Limits DEFAULT = new Limits(16 * 1024, 10_000);

        public Limits {
            if (maxLineChars < 64 || maxSamples < 1) {
                throw new IllegalArgumentException("limits too small: " + maxLineChars + " chars, " + maxSamples + " samples");
            }
        }
    }

    /** One sample; {@code labels} sorted by name. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        }
    }

    private Exposition() {
    }

    /** Every sample of {@code page}; {@link UpstreamException} on the first malformed or over-limit line. */
    public static List<Sample> parse(String page, Limits limits) {
        List<Sample> out = new ArrayList<>();
        int lineNo = 0;
        int start = 0;
        while (start < page.length()) {
            int end = page.indexOf('\n', start);
            if (end < 0) {
                end = page.length();
            }
            lineNo++;
            if (end - start > limits.maxLineChars()) {
                throw bad(lineNo, "is longer than " + limits.maxLineChars() + " characters");
            }
            String line = page.substring(start, end);
            start = end + 1;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (out.size() == limits.maxSamples()) {
                throw bad(lineNo, "is past the limit of " + limits.maxSamples() + " samples per page");
            }
            out.add(new LineReader(line, lineNo).sample());
        }
        return List.copyOf(out);
    }

    static UpstreamException bad(int line, String what) {
        return new UpstreamException("metrics page line " + line + " " + what);
    }

    /** Reads one sample line left to right. */
    private static final class LineReader {
        private final String s;
        private final int lineNo;
        private int i;

        LineReader(String s, int lineNo) {
            this.s = s;
            this.lineNo = lineNo;
        }

        Sample sample() {
            String name = name(true);
            if (name.isEmpty()) {
                throw bad(lineNo, "does not start with a metric name");
            }
            Map<String, String> labels = new TreeMap<>();
            if (i < s.length() && s.charAt(i) == '{') {
                i++;
                labels(labels);
            }
            if (i >= s.length() || (s.charAt(i) != ' ' && s.charAt(i) != '\t')) {
                throw bad(lineNo, "has no value after the metric name and labels");
            }
            String[] rest = s.substring(i).strip().split("[ \t]+");
            if (rest.length > 2) {
                throw bad(lineNo, "has more than a value and a timestamp after the labels");
            }
            if (rest.length == 2 && !rest[1].matches("-?\\d{1,19}")) {
                throw bad(lineNo, "has a timestamp that is not an integer of milliseconds");
            }
            return new Sample(name, labels, value(rest[0]));
        }

        private void labels(Map<String, String> labels) {
            while (true) {
                skipBlanks();
                if (i < s.length() && s.charAt(i) == '}') {
                    i++;
                    return;
                }
                String label = name(false);
                skipBlanks();
                if (label.isEmpty() || i >= s.length() || s.charAt(i) != '=') {
                    throw bad(lineNo, "has a malformed label (expected name=\"value\")");
                }
                i++;
                skipBlanks();
                if (labels.put(label, quoted()) != null) {
                    throw bad(lineNo, "repeats the label " + label);
                }
                skipBlanks();
                if (i < s.length() && s.charAt(i) == ',') {
                    i++;
                } else if (i >= s.length() || s.charAt(i) != '}') {
                    throw bad(lineNo, "has labels that are not closed with }");
                }
            }
        }

        private String quoted() {
            if (i >= s.length() || s.charAt(i) != '"') {
                throw bad(lineNo, "has a label value that is not quoted");
            }
            StringBuilder v = new StringBuilder();
            for (i++; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    i++;
                    return v.toString();
                }
                if (c == '\\') {
                    if (++i >= s.length()) {
                        break;
                    }
                    char e = s.charAt(i);
                    switch (e) {
                        case '\\', '"' -> v.append(e);
                        case 'n' -> v.append('\n');
                        default -> throw bad(lineNo, "has an unknown escape in a label value");
                    }
                } else {
                    v.append(c);
                }
            }
            throw bad(lineNo, "has an unterminated label value");
        }

        /** A metric name ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}) or label name (no colons); empty when none is here. */
        private String name(boolean metric) {
            int from = i;
            while (i < s.length()) {
                char c = s.charAt(i);
                boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (metric && c == ':')
                        || (i > from && c >= '0' && c <= '9');
                if (!ok) {
                    break;
                }
                i++;
            }
            return s.substring(from, i);
        }

        private void skipBlanks() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        }

        private double value(String text) {
            switch (text) {
                case "+Inf", "Inf" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-Inf" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                case "NaN" -> {
                    return Double.NaN;
                }
                default -> {
                    if (text.length() > 64 || !text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                        throw bad(lineNo, "has a value that is not a number");
                    }
                    return Double.parseDouble(text);
                }
            }
        }
    }
}
